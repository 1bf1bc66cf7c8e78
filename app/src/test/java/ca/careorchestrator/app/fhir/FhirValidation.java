package ca.careorchestrator.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeSystem;

/**
 * HAPI's instance validator (the official FHIR validator's engine), offline: the R4 core profiles and
 * terminologies bundled with HAPI, plus our service-type CodeSystem, so a Slot's or an Appointment's service
 * code is checked against the taxonomy too; optionally the SMART Scheduling Links IG's profiles. Errors fail;
 * warnings and information are printed.
 */
final class FhirValidation {

    /** Where the SMART Scheduling Links profiles are: {@code SMART_PROFILES + "vaccine-slot"}. */
    static final String SMART_PROFILES = "http://fhir-registry.smarthealthit.org/StructureDefinition/";

    private final FhirValidator validator;

    FhirValidation(FhirContext context, CodeSystem serviceTypes) {
        this(context, serviceTypes, false);
    }

    /**
     * With {@code smartProfiles}, the SMART Scheduling Links IG package too (smart.scheduling.links 0.1.0, a test
     * resource beside its licence and attribution), so resources can be checked against its profiles.
     */
    FhirValidation(FhirContext context, CodeSystem serviceTypes, boolean smartProfiles) {
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(context);
        ours.addCodeSystem(serviceTypes);
        List<IValidationSupport> chain = new ArrayList<>();
        if (smartProfiles) {
            NpmPackageValidationSupport smart = new NpmPackageValidationSupport(context);
            try {
                smart.loadPackageFromClasspath("classpath:ca/careorchestrator/app/fhir/ig/smart_scheduling_links_ig.tgz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            chain.add(smart);
        }
        chain.addAll(List.of(new DefaultProfileValidationSupport(context), ours, new InMemoryTerminologyServerValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context), new SnapshotGeneratingValidationSupport(context)));
        validator = context.newValidator().registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(chain)));
    }

    /** The messages of severity error or fatal, after printing the rest. */
    List<SingleValidationMessage> errors(String json) {
        List<SingleValidationMessage> messages = validator.validateWithResult(json).getMessages();
        // dom-6 (no narrative) is said of every resource: counted, not repeated.
        long noNarrative = messages.stream().filter(m -> m.getMessage().contains("dom-6")).count();
        messages.stream().filter(m -> m.getSeverity().ordinal() < ResultSeverityEnum.ERROR.ordinal() && !m.getMessage().contains("dom-6"))
                .forEach(m -> System.out.printf("  validator %s at %s: %s%n", m.getSeverity(), m.getLocationString(), m.getMessage()));
        if (noNarrative > 0) {
            System.out.printf("  validator WARNING dom-6 (no narrative) on %d resources%n", noNarrative);
        }
        return errorsOf(messages);
    }

    /** The messages of severity error or fatal against a profile (a canonical URL), nothing printed (feeds have thousands). */
    List<SingleValidationMessage> errors(String json, String profile) {
        return errorsOf(validator.validateWithResult(json, new ValidationOptions().addProfile(profile)).getMessages());
    }

    /** Every message, for a test that prints what a feed's first lines are told beyond errors. */
    List<SingleValidationMessage> messages(String json, String profile) {
        return validator.validateWithResult(json, new ValidationOptions().addProfile(profile)).getMessages();
    }

    private static List<SingleValidationMessage> errorsOf(List<SingleValidationMessage> messages) {
        return messages.stream().filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
    }

    void assertValid(String json) {
        assertThat(errors(json)).as("validation errors of %s", json.length() > 400 ? json.substring(0, 400) + "…" : json)
                .extracting(m -> m.getLocationString() + ": " + m.getMessage()).isEmpty();
    }
}
