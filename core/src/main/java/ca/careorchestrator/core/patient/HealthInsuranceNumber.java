package ca.careorchestrator.core.patient;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Quebec health-insurance number (NAM, RAMQ): 4 letters (3 of the family name, 1 of the given name),
 * then YY MM DD of birth (MM + 50 for women), an administrative digit and a check digit.
 *
 * <p>The check digit follows the publicly described RAMQ scheme (see docs/adr/0003): the 14 characters
 * NAME + four-digit birth year + sex letter (M/F) + MM + DD + administrative digit, each taken at its
 * EBCDIC code point, weighted 1,3,7,9,1,7,1,3,4,5,7,6,9,1; the sum modulo 10 is the check digit. Because the
 * full year enters the sum, the century of a two-digit year is the one whose check digit matches.
 *
 * <p>{@link #toString()} masks the number: a NAM never reaches a log by accident.
 */
public final class HealthInsuranceNumber {

    private static final Pattern FORMAT = Pattern.compile("[A-Z]{4}[0-9]{8}");
    private static final int[] WEIGHTS = {1, 3, 7, 9, 1, 7, 1, 3, 4, 5, 7, 6, 9, 1};

    private final String value;
    private final LocalDate birthDate;
    private final Sex sex;

    private HealthInsuranceNumber(String value, LocalDate birthDate, Sex sex) {
        this.value = value;
        this.birthDate = birthDate;
        this.sex = sex;
    }

    /** Checks format, embedded date (not after {@code today}) and check digit. Spaces are ignored. */
    public static NamCheck check(String raw, LocalDate today) {
        if (raw == null) {
            return new NamCheck.Invalid(NamDefect.BAD_FORMAT);
        }
        String nam = raw.replace(" ", "").toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(nam).matches()) {
            return new NamCheck.Invalid(NamDefect.BAD_FORMAT);
        }
        int yy = Integer.parseInt(nam.substring(4, 6));
        int encodedMonth = Integer.parseInt(nam.substring(6, 8));
        int day = Integer.parseInt(nam.substring(8, 10));
        Sex sex = encodedMonth > 50 ? Sex.FEMALE : Sex.MALE;
        int month = sex == Sex.FEMALE ? encodedMonth - 50 : encodedMonth;
        boolean anyDate = false;
        // Most recent century first: a NAM issued for a child born this century wins over 19yy.
        for (int century = today.getYear() / 100 * 100; century >= today.getYear() / 100 * 100 - 100; century -= 100) {
            LocalDate birth;
            try {
                birth = LocalDate.of(century + yy, month, day);
            } catch (DateTimeException e) {
                continue;
            }
            if (birth.isAfter(today)) {
                continue;
            }
            anyDate = true;
            if (checkDigit(nam.substring(0, 4), birth, sex, nam.charAt(10)) == nam.charAt(11) - '0') {
                return new NamCheck.Valid(new HealthInsuranceNumber(nam, birth, sex));
            }
        }
        return new NamCheck.Invalid(anyDate ? NamDefect.BAD_CHECK_DIGIT : NamDefect.IMPOSSIBLE_DATE);
    }

    /** As {@link #check(String, LocalDate)}, and the NAM must encode this birth date and sex. */
    public static NamCheck check(String raw, LocalDate birthDate, Sex sex, LocalDate today) {
        NamCheck result = check(raw, today);
        if (result instanceof NamCheck.Valid(HealthInsuranceNumber nam)
                && (!nam.birthDate.equals(birthDate) || nam.sex != sex)) {
            return new NamCheck.Invalid(NamDefect.IDENTITY_MISMATCH);
        }
        return result;
    }

    /**
     * Issues the NAM RAMQ would compute for this person (synthetic data and tests). {@code administrativeDigit}
     * tells apart people who share name letters and birth date.
     */
    public static HealthInsuranceNumber issue(String familyName, String givenName, LocalDate birthDate, Sex sex,
            int administrativeDigit) {
        if (administrativeDigit < 0 || administrativeDigit > 9) {
            throw new IllegalArgumentException("the administrative digit is 0 to 9");
        }
        String letters = (lettersOf(familyName, 3) + lettersOf(givenName, 1));
        int month = birthDate.getMonthValue() + (sex == Sex.FEMALE ? 50 : 0);
        char admin = (char) ('0' + administrativeDigit);
        String value = letters + String.format(Locale.ROOT, "%02d%02d%02d", birthDate.getYear() % 100, month,
                birthDate.getDayOfMonth()) + admin + checkDigit(letters, birthDate, sex, admin);
        return new HealthInsuranceNumber(value, birthDate, sex);
    }

    /** The first {@code count} letters of a name without accents, padded with X (RAMQ pads short names). */
    private static String lettersOf(String name, int count) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
        return (plain + "XXX").substring(0, count);
    }

    private static int checkDigit(String letters, LocalDate birth, Sex sex, char administrativeDigit) {
        String decomposed = letters + String.format(Locale.ROOT, "%04d", birth.getYear()) + (sex == Sex.FEMALE ? 'F' : 'M')
                + String.format(Locale.ROOT, "%02d%02d", birth.getMonthValue(), birth.getDayOfMonth()) + administrativeDigit;
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += ebcdic(decomposed.charAt(i)) * WEIGHTS[i];
        }
        return sum % 10;
    }

    /** EBCDIC (code page 037) code points of A-Z and 0-9, the values the RAMQ scheme weighs. */
    private static int ebcdic(char c) {
        if (c >= '0' && c <= '9') {
            return 0xF0 + (c - '0');
        }
        if (c >= 'A' && c <= 'I') {
            return 0xC1 + (c - 'A');
        }
        if (c >= 'J' && c <= 'R') {
            return 0xD1 + (c - 'J');
        }
        if (c >= 'S' && c <= 'Z') {
            return 0xE2 + (c - 'S');
        }
        throw new IllegalArgumentException("not a NAM character");
    }

    /** The full number, for storage behind protection and for display to its holder only. */
    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public Sex sex() {
        return sex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HealthInsuranceNumber that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Masked: the first letters only ("TREM********"). */
    @Override
    public String toString() {
        return value.substring(0, 4) + "********";
    }
}
