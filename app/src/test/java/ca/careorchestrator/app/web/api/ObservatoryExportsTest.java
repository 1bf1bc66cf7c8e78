package ca.careorchestrator.app.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObservatoryExportsTest {

    @Test
    void quotesOnlyFieldsWithACommaAQuoteOrALineBreakDoublingTheQuotes() {
        assertThat(ObservatoryExports.field(null)).as("suppressed").isEmpty();
        assertThat(ObservatoryExports.field(42L)).isEqualTo("42");
        assertThat(ObservatoryExports.field("GMF Les Îles-De-La- Madeleine – Centre")).isEqualTo("GMF Les Îles-De-La- Madeleine – Centre");
        assertThat(ObservatoryExports.field("Clinique A, B")).isEqualTo("\"Clinique A, B\"");
        assertThat(ObservatoryExports.field("dit \"la clinique\"")).isEqualTo("\"dit \"\"la clinique\"\"\"");
        assertThat(ObservatoryExports.field("deux\r\nlignes")).isEqualTo("\"deux\r\nlignes\"");
    }
}
