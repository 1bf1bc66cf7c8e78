package ca.careorchestrator.core.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HealthInsuranceNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void issuesANumberThatPassesItsOwnCheckAndEncodesBirthDateAndSex() {
        HealthInsuranceNumber nam = HealthInsuranceNumber.issue("Tremblay", "Marie", LocalDate.of(1972, 8, 12), Sex.FEMALE, 1);

        assertThat(nam.value()).startsWith("TREM725812").hasSize(12);
        assertThat(HealthInsuranceNumber.check(nam.value(), TODAY))
                .isEqualTo(new NamCheck.Valid(nam));
        assertThat(nam.birthDate()).isEqualTo(LocalDate.of(1972, 8, 12));
        assertThat(nam.sex()).isEqualTo(Sex.FEMALE);
    }

    @Test
    void computesTheCheckDigitOfTheRamqScheme() {
        // Worked apart from the code: TREM 1972 F 08 12 1, EBCDIC values weighted 1,3,7,9,1,7,1,3,4,5,7,6,9,1:
        // T227*1 + R217*3 + E197*7 + M212*9 + '1'241*1 + '9'249*7 + '7'247*1 + '2'242*3 + F198*4 + '0'240*5
        // + '8'248*7 + '1'241*6 + '2'242*9 + '1'241*1 = 14715 -> 5
        assertThat(HealthInsuranceNumber.check("TREM72581215", TODAY)).isInstanceOf(NamCheck.Valid.class);
        assertThat(HealthInsuranceNumber.check("TREM72581218", TODAY))
                .isEqualTo(new NamCheck.Invalid(NamDefect.BAD_CHECK_DIGIT));
    }

    @Test
    void acceptsSpacesAndLowerCaseAsPrintedOnTheCard() {
        assertThat(HealthInsuranceNumber.check("trem 7258 1215", TODAY)).isInstanceOf(NamCheck.Valid.class);
    }

    @Test
    void refusesWhatIsNotFourLettersAndEightDigits() {
        for (String bad : new String[] {"", "TREM7258121", "TREM725812170", "TRE172581217", "TREM7258121A", "TRÉM72581217"}) {
            assertThat(HealthInsuranceNumber.check(bad, TODAY)).as(bad).isEqualTo(new NamCheck.Invalid(NamDefect.BAD_FORMAT));
        }
        assertThat(HealthInsuranceNumber.check(null, TODAY)).isEqualTo(new NamCheck.Invalid(NamDefect.BAD_FORMAT));
    }

    @Test
    void refusesAnImpossibleBirthDate() {
        // month 13, month 63 (13 + 50), 30 February, day 00
        for (String bad : new String[] {"TREM72131215", "TREM72631215", "TREM72023015", "TREM72080015"}) {
            assertThat(HealthInsuranceNumber.check(bad, TODAY)).as(bad).isEqualTo(new NamCheck.Invalid(NamDefect.IMPOSSIBLE_DATE));
        }
    }

    @Test
    void picksTheCenturyWhoseCheckDigitMatches() {
        HealthInsuranceNumber child = HealthInsuranceNumber.issue("Roy", "Léa", LocalDate.of(2019, 3, 4), Sex.FEMALE, 0);
        HealthInsuranceNumber elder = HealthInsuranceNumber.issue("Roy", "Léa", LocalDate.of(1919, 3, 4), Sex.FEMALE, 0);

        assertThat(child.value().substring(0, 11)).isEqualTo(elder.value().substring(0, 11));
        assertThat(((NamCheck.Valid) HealthInsuranceNumber.check(child.value(), TODAY)).nam().birthDate()).hasYear(2019);
        if (child.value().charAt(11) != elder.value().charAt(11)) {
            assertThat(((NamCheck.Valid) HealthInsuranceNumber.check(elder.value(), TODAY)).nam().birthDate()).hasYear(1919);
        }
    }

    @Test
    void refusesANumberThatDisagreesWithTheGivenBirthDateOrSex() {
        String nam = HealthInsuranceNumber.issue("Gagnon", "Luc", LocalDate.of(1980, 1, 2), Sex.MALE, 3).value();

        assertThat(HealthInsuranceNumber.check(nam, LocalDate.of(1980, 1, 2), Sex.MALE, TODAY)).isInstanceOf(NamCheck.Valid.class);
        assertThat(HealthInsuranceNumber.check(nam, LocalDate.of(1980, 1, 3), Sex.MALE, TODAY))
                .isEqualTo(new NamCheck.Invalid(NamDefect.IDENTITY_MISMATCH));
        assertThat(HealthInsuranceNumber.check(nam, LocalDate.of(1980, 1, 2), Sex.FEMALE, TODAY))
                .isEqualTo(new NamCheck.Invalid(NamDefect.IDENTITY_MISMATCH));
    }

    @Test
    void padsShortNamesAndDropsAccents() {
        assertThat(HealthInsuranceNumber.issue("Côté", "Émile", LocalDate.of(1990, 5, 6), Sex.MALE, 0).value()).startsWith("COTE");
        assertThat(HealthInsuranceNumber.issue("Ng", "Ian", LocalDate.of(1990, 5, 6), Sex.MALE, 0).value()).startsWith("NGXI");
    }

    @Test
    void neverPrintsTheFullNumber() {
        HealthInsuranceNumber nam = HealthInsuranceNumber.issue("Tremblay", "Marie", LocalDate.of(1972, 8, 12), Sex.FEMALE, 1);

        assertThat(nam.toString()).isEqualTo("TREM********").doesNotContain("7258");
    }
}
