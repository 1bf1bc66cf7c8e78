package ca.careorchestrator.core.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ServiceTypesTest {

    @Test
    void theStandardTaxonomyCoversPrimaryCareInBothLanguages() {
        ServiceTypes types = ServiceTypes.standard();

        assertThat(types.all()).extracting(t -> t.code().value()).containsExactly(
                "urgent-same-day", "semi-urgent", "follow-up", "periodic-exam", "prenatal", "pediatric", "vaccination",
                "sampling", "mental-health", "contraception", "prescription-renewal", "minor-ailment");
        assertThat(types.find("prenatal").orElseThrow().name(Language.FR)).isEqualTo("Suivi de grossesse");
        assertThat(types.find("prenatal").orElseThrow().name(Language.EN)).isEqualTo("Prenatal care");
        assertThat(types.find("PRENATAL")).isEmpty();
        assertThat(types.find("nope")).isEmpty();
    }

    @Test
    void aDataFileExtendsTheTaxonomyButCannotRedefineACode() {
        ServiceTypes extended = ServiceTypes.standard()
                .extendedWith(new StringReader("# local\nsmoking-cessation\t30\tCessation tabagique\tSmoking cessation\n"));

        assertThat(extended.find("smoking-cessation")).isPresent();
        assertThatThrownBy(() -> ServiceTypes.standard().extendedWith(new StringReader("follow-up\t15\tSuivi\tFollow-up\n")))
                .hasMessageContaining("defined twice");
        assertThatThrownBy(() -> ServiceTypes.standard().extendedWith(new StringReader("x-y\tten\tA\tB\n")))
                .hasMessageContaining("line 1");
    }
}
