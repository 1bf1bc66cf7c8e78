package ca.careorchestrator.app.web.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.observatory.Area;
import ca.careorchestrator.app.observatory.ObservatoryFilter;
import ca.careorchestrator.core.care.Profession;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FilterFormTest {

    @Test
    void asksForTheAreaOfThePageAndShowsTheDaysTheFiguresAreFor() {
        FilterForm form = new FilterForm(" ", null, "vaccination", "NURSE");
        var asked = form.asked(Area.Level.LOCAL_NETWORK, "1111");
        assertThat(asked.localNetwork()).isEqualTo("1111");
        assertThat(asked.region()).isNull();
        assertThat(asked.clinic()).isNull();
        assertThat(asked.from()).isEmpty();
        assertThat(asked.service()).isEqualTo("vaccination");
        ObservatoryFilter filter = new ObservatoryFilter(Area.Level.LOCAL_NETWORK, "1111", LocalDate.of(2026, 2, 14), LocalDate.of(2026, 3, 15),
                java.util.Optional.empty(), java.util.Optional.of(Profession.NURSE));
        assertThat(form.shown(filter).from()).isEqualTo("2026-02-14");
        assertThat(form.shown(filter).to()).isEqualTo("2026-03-15");
    }

    @Test
    void linksKeepTheFiltersTypedAndSwitchTheLanguage() {
        FilterForm form = new FilterForm("2026-01-01", "", "follow-up", "");
        assertThat(form.query()).isEqualTo("?from=2026-01-01&service=follow-up");
        assertThat(form.query(Map.of("sort", "fill"))).isEqualTo("?from=2026-01-01&service=follow-up&sort=fill");
        assertThat(form.otherLanguage("/observatoire", Map.of(), Locale.CANADA_FRENCH)).isEqualTo("/observatoire?from=2026-01-01&service=follow-up&lang=en");
        assertThat(form.otherLanguage("/observatoire", Map.of(), Locale.ENGLISH)).endsWith("&lang=fr");
    }

    @Test
    void anIndicatorsClassIsFixedByItsBoundsAndEmptyWithoutAValue() {
        assertThat(Indicator.FILL.level(figures(0.49))).isEqualTo(1);
        assertThat(Indicator.FILL.level(figures(0.50))).isEqualTo(2);
        assertThat(Indicator.FILL.level(figures(0.84))).isEqualTo(3);
        assertThat(Indicator.FILL.level(figures(0.85))).isEqualTo(4);
        assertThat(Indicator.FILL.level(KeyFigures.of(new ca.careorchestrator.app.observatory.Figures(Map.of()), OptionalInt.empty()))).isZero();
        assertThat(Indicator.marks(3)).isEqualTo("■■■□");
        assertThat(Indicator.of("third-next")).isEqualTo(Indicator.THIRD_NEXT);
        assertThat(Indicator.of("nonsense")).isEqualTo(Indicator.FILL);
    }

    private static KeyFigures figures(double fill) {
        return KeyFigures.of(new ca.careorchestrator.app.observatory.Figures(Map.of(ca.careorchestrator.app.observatory.Measure.OFFERED, 1000L,
                ca.careorchestrator.app.observatory.Measure.USED, Math.round(fill * 1000))), OptionalInt.empty());
    }
}
