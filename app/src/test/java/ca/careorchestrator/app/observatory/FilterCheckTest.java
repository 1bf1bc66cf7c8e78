package ca.careorchestrator.app.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.observatory.FilterCheck.Asked;
import ca.careorchestrator.app.observatory.FilterCheck.Rejected;
import ca.careorchestrator.app.observatory.FilterCheck.Valid;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Dates, services and professions; areas need the directory and are checked over HTTP in ObservatoryChecks. */
class FilterCheckTest {

    /** 2 a.m. UTC on 1 July 2026 is still 30 June in Quebec. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-01T02:00:00Z"), ZoneOffset.UTC);
    private static final Directory NO_DIRECTORY = (Directory) Proxy.newProxyInstance(Directory.class.getClassLoader(),
            new Class<?>[] {Directory.class}, (proxy, method, args) -> {
                throw new AssertionError("the directory is not asked without an area");
            });

    private final FilterCheck check = new FilterCheck(NO_DIRECTORY, ServiceTypes.standard(), CLOCK);

    private FilterCheck.Checked dates(String from, String to) {
        return check.check(Asked.dates(from, to));
    }

    private static Problem problem(FilterCheck.Checked checked) {
        return ((Rejected) checked).problem();
    }

    @Test
    void withoutDatesTheLastThirtyQuebecDaysOfTheProvince() {
        ObservatoryFilter filter = ((Valid) dates(null, " ")).filter();

        assertThat(filter.level()).isEqualTo(Area.Level.PROVINCE);
        assertThat(filter.code()).isEqualTo(Area.PROVINCE_CODE);
        assertThat(filter.to()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(filter.from()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(filter.service()).isEmpty();
    }

    @Test
    void datesRunFrom2000ToAYearFromTodayFirstNotAfterLast() {
        assertThat(dates("2000-01-01", "2000-01-01")).isInstanceOf(Valid.class);
        assertThat(dates("2027-06-01", "2027-06-30")).isInstanceOf(Valid.class);
        assertThat(problem(dates("1999-12-31", "2000-01-10"))).isEqualTo(Problem.OBSERVATORY_DATES_OUT_OF_RANGE);
        assertThat(problem(dates("2027-06-01", "2027-07-01"))).isEqualTo(Problem.OBSERVATORY_DATES_OUT_OF_RANGE);
        assertThat(problem(dates("2024-03-02", "2024-03-01"))).isEqualTo(Problem.OBSERVATORY_DATES_OUT_OF_RANGE);
        assertThat(((Rejected) dates("2024-03-02", "2024-03-01")).arguments()).containsExactly("2000-01-01", "2027-06-30");
        assertThat(problem(dates("2024-13-01", null))).isEqualTo(Problem.MALFORMED_DATE);
    }

    @Test
    void aRangeSpansAtMost731Days() {
        assertThat(dates("2024-01-01", "2025-12-31")).as("731 days").isInstanceOf(Valid.class);
        assertThat(problem(dates("2024-01-01", "2026-01-01"))).isEqualTo(Problem.OBSERVATORY_RANGE_TOO_LONG);
    }

    @Test
    void servicesAndProfessionsAreTheCataloguesInAnyCase() {
        ObservatoryFilter filter = ((Valid) check.check(new Asked(null, null, null, "2024-03-01", "2024-03-10", "Follow-Up", "nurse-practitioner")))
                .filter();

        assertThat(filter.service()).isEqualTo(Optional.of(new ServiceTypeCode("follow-up")));
        assertThat(filter.profession()).isEqualTo(Optional.of(Profession.NURSE_PRACTITIONER));
        assertThat(problem(check.check(new Asked(null, null, null, null, null, "massage", null)))).isEqualTo(Problem.UNKNOWN_SERVICE);
        assertThat(problem(check.check(new Asked(null, null, null, null, null, null, "wizard")))).isEqualTo(Problem.UNKNOWN_PROFESSION);
    }
}
