package ca.careorchestrator.core.orientation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.orientation.OrientationResult.NotOriented;
import ca.careorchestrator.core.orientation.OrientationResult.Recommended;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecisionTableTest {

    private static final DecisionTable TABLE = DecisionTable.standard();
    private static final List<Optional<Boolean>> YES_NO_ABSENT = List.of(Optional.of(true), Optional.of(false), Optional.empty());

    private static Recommendation recommended(OrientationResult result) {
        assertThat(result).isInstanceOf(Recommended.class);
        return ((Recommended) result).recommendation();
    }

    private static List<AnswerDefect> defects(OrientationResult result) {
        assertThat(result).isInstanceOf(NotOriented.class);
        return ((NotOriented) result).defects();
    }

    @Test
    void everyReasonReachesAnOutcomeForEveryAgeAndAnswerItConcernsWithReasonsInBothLanguages() {
        int outcomes = 0;
        for (Reason reason : TABLE.reasons()) {
            assertThat(reason.label(Language.FR)).isNotBlank();
            assertThat(reason.label(Language.EN)).isNotBlank();
            assertThat(reason.keywords().get(Language.FR)).isNotEmpty();
            assertThat(reason.keywords().get(Language.EN)).isNotEmpty();
            for (int age = reason.ages().from(); age <= reason.ages().to(); age++) {
                for (boolean pregnant : new boolean[] {false, true}) {
                    if (pregnant && !DecisionTable.CHILDBEARING.contains(age) || reason.requiresPregnancy() && !pregnant) {
                        continue;
                    }
                    for (boolean chronic : new boolean[] {false, true}) {
                        for (boolean registered : new boolean[] {false, true}) {
                            Recommendation recommendation = recommended(TABLE.orient(Answers.of(reason.code(), age, pregnant, chronic, registered)));
                            assertThat(recommendation.why(Language.FR)).isNotBlank();
                            assertThat(recommendation.why(Language.EN)).isNotBlank();
                            assertThat(recommendation.version()).isEqualTo(TABLE.version());
                            outcomes++;
                        }
                    }
                }
            }
        }
        assertThat(outcomes).isGreaterThan(5_000);
    }

    @Test
    void everyRedFlagLeadsTo911Or811AndNeverToABookingWhateverElseIsAnswered() {
        List<Reason> redFlags = TABLE.reasons().stream().filter(Reason::redFlag).toList();
        assertThat(redFlags).extracting(Reason::code)
                .contains("chest-pain", "stroke-signs", "severe-breathing", "suicidal-thoughts");
        for (Reason flag : redFlags) {
            // Nothing else answered at all: safety first.
            Recommendation alone = recommended(TABLE.orient(new Answers(Optional.of(flag.code()), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty())));
            assertThat(alone.outcome()).isNotInstanceOf(Outcome.Book.class);
            for (int age = 0; age <= AgeRange.OLDEST; age += 7) {
                Outcome outcome = recommended(TABLE.orient(Answers.of(flag.code(), age, false, true, false))).outcome();
                assertThat(outcome).isInstanceOfAny(Outcome.CallEmergency.class, Outcome.CallInfoLine.class);
            }
        }
        assertThat(recommended(TABLE.orient(Answers.of("chest-pain", 60, false, true, true))).outcome())
                .isEqualTo(new Outcome.CallEmergency());
        assertThat(recommended(TABLE.orient(Answers.of("suicidal-thoughts", 30, false, false, false))).outcome())
                .isEqualTo(new Outcome.CallInfoLine(Outcome.CallInfoLine.Line.INFO_SOCIAL));
    }

    @Test
    void redFlagsInFreeTextWinOverAnyOtherReasonInFrenchAndEnglish() {
        for (String text : List.of("J'ai une douleur à la POITRINE et besoin d'un renouvellement", "chest pain since this morning, also a cough",
                "Mon père a la bouche croche depuis une heure", "my wife cannot breathe", "je pense au suicide")) {
            Reason reason = TABLE.match(text).getFirst();
            assertThat(reason.redFlag()).as(text).isTrue();
            Recommendation recommendation = recommended(TABLE.orient(new Answers(Optional.empty(), Optional.of(text), Optional.of(40),
                    Optional.of(false), Optional.of(false), Optional.of(true))));
            assertThat(recommendation.outcome()).as(text).isNotInstanceOf(Outcome.Book.class);
        }
    }

    @Test
    void aPrescriptionRenewalGoesToThePharmacistFirstAndSaysWhichRowMatched() {
        Recommendation recommendation = recommended(TABLE.orient(Answers.of("prescription-renewal", 52, false, true, false)));

        assertThat(recommendation.rowId()).isEqualTo("R10");
        assertThat(recommendation.outcome()).isInstanceOfSatisfying(Outcome.Book.class, book -> {
            assertThat(book.service().value()).isEqualTo("prescription-renewal");
            assertThat(book.professions()).first().isEqualTo(Profession.PHARMACIST);
            assertThat(book.maxDelay()).isEqualTo(Duration.ofDays(7));
        });
        assertThat(recommendation.why(Language.FR)).contains("pharmacien");
        assertThat(recommendation.why(Language.EN)).contains("pharmacist");
    }

    @Test
    void freeTextInEitherLanguageFindsTheMostSpecificReason() {
        assertThat(TABLE.match("renouvellement de mon ordonnance")).extracting(Reason::code).containsExactly("prescription-renewal");
        assertThat(TABLE.match("I need a prescription refill")).extracting(Reason::code).containsExactly("prescription-renewal");
        assertThat(TABLE.match("infection urinaire")).extracting(Reason::code).containsExactly("minor-ailment");
        assertThat(TABLE.match("Suivi de mon diabète")).extracting(Reason::code).containsExactly("chronic-follow-up");
        assertThat(TABLE.match("flu shot for my son")).extracting(Reason::code).containsExactly("vaccination");
        assertThat(TABLE.match("xyzzy")).isEmpty();
    }

    @Test
    void anOrphanWithAChronicConditionIsOrientedToANursePractitionerFirst() {
        Outcome orphan = recommended(TABLE.orient(Answers.of("chronic-follow-up", 67, false, true, false))).outcome();
        Outcome registered = recommended(TABLE.orient(Answers.of("chronic-follow-up", 67, false, true, true))).outcome();
        assertThat(((Outcome.Book) orphan).professions()).first().isEqualTo(Profession.NURSE_PRACTITIONER);
        assertThat(((Outcome.Book) registered).professions()).first().isEqualTo(Profession.PHYSICIAN);
    }

    @Test
    void badAnswersAreRefusedWithWhatIsWrong() {
        assertThat(defects(TABLE.orient(Answers.of("no-such-reason", 30, false, false, true)))).containsExactly(AnswerDefect.UNKNOWN_REASON);
        assertThat(defects(TABLE.orient(new Answers(Optional.empty(), Optional.of("blablabla"), Optional.of(30), Optional.of(false),
                Optional.of(false), Optional.of(true))))).containsExactly(AnswerDefect.UNKNOWN_REASON);
        assertThat(defects(TABLE.orient(new Answers(Optional.empty(), Optional.empty(), Optional.of(30), Optional.of(false),
                Optional.of(false), Optional.of(true))))).containsExactly(AnswerDefect.MISSING_REASON);
        // Pregnant at age 5: contradictory.
        assertThat(defects(TABLE.orient(Answers.of("fever-infection", 5, true, false, true)))).containsExactly(AnswerDefect.CONTRADICTORY_ANSWERS);
        assertThat(defects(TABLE.orient(Answers.of("pregnancy", 30, false, false, true)))).containsExactly(AnswerDefect.CONTRADICTORY_ANSWERS);
        assertThat(defects(TABLE.orient(Answers.of("child-check", 40, false, false, true)))).containsExactly(AnswerDefect.CONTRADICTORY_ANSWERS);
        assertThat(defects(TABLE.orient(new Answers(Optional.of("vaccination"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()))))
                .containsExactly(AnswerDefect.MISSING_AGE, AnswerDefect.MISSING_CHRONIC, AnswerDefect.MISSING_REGISTRATION);
        assertThat(defects(TABLE.orient(new Answers(Optional.of("vaccination"), Optional.empty(), Optional.of(30), Optional.empty(),
                Optional.of(false), Optional.of(true))))).containsExactly(AnswerDefect.MISSING_PREGNANCY);
        assertThat(defects(TABLE.orient(Answers.of("vaccination", 130, false, false, true)))).containsExactly(AnswerDefect.AGE_OUT_OF_RANGE);
    }

    @Test
    void textNamingTwoReasonsEquallyAsksThePatientToChoose() {
        OrientationResult result = TABLE.orient(new Answers(Optional.empty(), Optional.of("vaccin et contraception"), Optional.of(25),
                Optional.of(false), Optional.of(false), Optional.of(true)));
        assertThat(defects(result)).containsExactly(AnswerDefect.AMBIGUOUS_REASON);
        assertThat(((NotOriented) result).candidates()).extracting(Reason::code).containsExactlyInAnyOrder("vaccination", "contraception");
    }

    /** Seeded random answers of every shape, absent and out-of-range values included: each gets an outcome or defects. */
    @Test
    void noAnswerPathEndsWithoutAnOutcome() {
        SplittableRandom random = new SplittableRandom(20261123);
        List<Reason> reasons = TABLE.reasons();
        List<String> texts = List.of("", "   ", "toux et fièvre", "back pain", "je veux un vaccin", "mal de gorge", "??", "pilule",
                "anxiety and stress", "prise de sang demain");
        int recommended = 0;
        for (int i = 0; i < 50_000; i++) {
            Optional<String> reason = random.nextInt(4) == 0 ? Optional.empty()
                    : Optional.of(random.nextInt(20) == 0 ? "unknown-" + i : reasons.get(random.nextInt(reasons.size())).code());
            Optional<String> text = random.nextBoolean() ? Optional.of(texts.get(random.nextInt(texts.size()))) : Optional.empty();
            Optional<Integer> age = random.nextInt(10) == 0 ? Optional.empty() : Optional.of(random.nextInt(-5, 130));
            Answers answers = new Answers(reason, text, age, YES_NO_ABSENT.get(random.nextInt(3)), YES_NO_ABSENT.get(random.nextInt(3)),
                    YES_NO_ABSENT.get(random.nextInt(3)));
            OrientationResult result = TABLE.orient(answers);
            switch (result) {
                case Recommended r -> {
                    recommended++;
                    assertThat(r.recommendation().rowId()).isNotBlank();
                }
                case NotOriented n -> assertThat(n.defects()).isNotEmpty();
            }
        }
        assertThat(recommended).isGreaterThan(5_000);
    }

    @Test
    void aTableWhereARedFlagWouldBookIsRefusedOnLoad() {
        String reasons = "# version 1.0\nchest-pain\tred-flag\t*\t*\tDouleur\tPain\tdouleur\tpain\n";
        String table = "# version 1.0\nR1\tchest-pain\t*\t*\t*\t*\tbook\tfollow-up\tPHYSICIAN\tP1D\tPourquoi\tWhy\n";
        assertThatThrownBy(() -> DecisionTable.read(new StringReader(reasons), new StringReader(table), ServiceTypes.standard()))
                .hasMessageContaining("line 2").hasMessageContaining("red flag never leads to a booking");
    }

    @Test
    void aTableWithAReasonWithoutAnyRowIsRefusedOnLoad() {
        String reasons = "# version 1.0\nchest-pain\tred-flag\t*\t*\tDouleur\tPain\tdouleur\tpain\nvaccination\tvisit\t*\t*\tV\tV\tvaccin\tvaccine\n";
        String table = "# version 1.0\nR1\tchest-pain\t*\t*\t*\t*\t911\t\t\t\tPourquoi\tWhy\n";
        assertThatThrownBy(() -> DecisionTable.read(new StringReader(reasons), new StringReader(table), ServiceTypes.standard()))
                .hasMessageContaining("no row for reason vaccination");
    }
}
