package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.allocation.Admissions;
import ca.careorchestrator.app.allocation.Policies;
import ca.careorchestrator.app.allocation.PolicyChange;
import ca.careorchestrator.app.allocation.PolicyScope;
import ca.careorchestrator.app.allocation.StoredPolicy;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.AllocationTexts;
import ca.careorchestrator.app.web.api.AllocationJson.ExplanationJson;
import ca.careorchestrator.app.web.api.AllocationJson.ForecastJson;
import ca.careorchestrator.app.web.api.AllocationJson.PolicyJson;
import ca.careorchestrator.app.web.api.AllocationJson.StageJson;
import ca.careorchestrator.core.allocation.Applicant;
import ca.careorchestrator.core.allocation.ReleaseStage;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Allocation policies (règles d'octroi). Staff, under {@code /api/v1/staff/clinics/{clinicId}} (the security module
 * restricts it to the clinic's own staff): read the current policies and their history, forecast a candidate on the
 * coming week, save it. Anyone: why a patient could (or could not) take a slot. A bad proposal changes nothing.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "Allocation", description = "Allocation policies per clinic, professional and service; why a patient may or may not take a slot")
class AllocationApi {

    private final Policies policies;
    private final Admissions admissions;
    private final AllocationTexts texts;
    private final Clock clock;
    private final RequestPatients patients;

    AllocationApi(Policies policies, Admissions admissions, AllocationTexts texts, Clock clock, RequestPatients patients) {
        this.patients = patients;
        this.policies = policies;
        this.admissions = admissions;
        this.texts = texts;
        this.clock = clock;
    }

    /** A policy proposed for a scope of the clinic: all of it, or one professional's and/or one service's slots. */
    record PolicyRequest(String professionalId, String service, List<StageJson> stages) {
    }

    record PoliciesJson(String clinicId, List<PolicyJson> policies) {
    }

    record ExplainRequest(BookingApi.PatientJson patient) {
    }

    record SlotExplanationJson(String slotId, ExplanationJson explanation) {
    }

    @GetMapping("/staff/clinics/{clinicId}/policies")
    @Operation(summary = "The clinic's current policies (or one scope's, with professional and/or service; history=true: every version)")
    PoliciesJson policies(@PathVariable String clinicId, @RequestParam(required = false) String professional,
            @RequestParam(required = false) String service, @RequestParam(defaultValue = "false") boolean history, Locale locale) {
        ClinicId clinic = new ClinicId(Params.id(clinicId));
        List<StoredPolicy> found;
        if (professional == null && service == null && !history) {
            checked(PolicyScope.clinic(clinic));
            found = policies.currentOf(clinic);
        } else {
            PolicyScope scope = checked(scope(clinic, professional, service));
            found = history ? policies.history(scope) : policies.history(scope).stream().filter(StoredPolicy::current).toList();
        }
        return new PoliciesJson(clinic.toString(), found.stream().map(p -> PolicyJson.of(p, texts, locale)).toList());
    }

    @PutMapping(path = "/staff/clinics/{clinicId}/policies", consumes = "application/json")
    @Operation(summary = "Save the policy of the clinic (or of one professional and/or service there); the previous version is kept")
    PolicyJson save(@PathVariable String clinicId, @RequestBody PolicyRequest request, Principal staff, Locale locale) {
        PolicyScope scope = scope(new ClinicId(Params.id(clinicId)), request.professionalId(), request.service());
        List<ReleaseStage> stages = AllocationJson.stages(request.stages());
        return switch (policies.save(scope, stages, staff == null ? "unauthenticated" : staff.getName())) {
            case PolicyChange.Saved saved -> PolicyJson.of(saved.policy(), texts, locale);
            case PolicyChange.UnknownScope unknown -> throw unknown(unknown, scope);
            case PolicyChange.Invalid invalid -> throw AllocationJson.invalid(invalid.defects(), texts, locale);
            case PolicyChange.Forecast forecast -> throw new IllegalStateException("a save does not forecast");
        };
    }

    @PostMapping(path = "/staff/clinics/{clinicId}/policies/what-if", consumes = "application/json")
    @Operation(summary = "How many of the scope's free slots in the coming 7 days would open to each stage's audience, and when (nothing saved)")
    ForecastJson whatIf(@PathVariable String clinicId, @RequestBody PolicyRequest request, Locale locale) {
        PolicyScope scope = scope(new ClinicId(Params.id(clinicId)), request.professionalId(), request.service());
        List<ReleaseStage> stages = AllocationJson.stages(request.stages());
        return switch (policies.whatIf(scope, stages)) {
            case PolicyChange.Forecast f -> ForecastJson.of(f.scope(), f.from(), f.to(), f.forecast(), texts, locale);
            case PolicyChange.UnknownScope unknown -> throw unknown(unknown, scope);
            case PolicyChange.Invalid invalid -> throw AllocationJson.invalid(invalid.defects(), texts, locale);
            case PolicyChange.Saved saved -> throw new IllegalStateException("a what-if saves nothing");
        };
    }

    @PostMapping(path = "/slots/{id}/explain", consumes = "application/json")
    @Operation(summary = "Why this patient could or could not take this slot now, stage by stage (no patient: an anonymous visitor)")
    SlotExplanationJson explain(@PathVariable String id, @RequestBody(required = false) ExplainRequest request, Locale locale) {
        SlotId slot = new SlotId(Params.id(id));
        Applicant applicant = request == null || request.patient() == null ? Applicant.anonymous() : admissions.applicant(patients.named(request.patient()));
        return admissions.explain(slot, applicant).map(a -> new SlotExplanationJson(slot.toString(), AllocationJson.explanation(a, texts, locale)))
                .orElseThrow(() -> new ProblemException(Problem.SLOT_NOT_FOUND, slot.toString()));
    }

    private static PolicyScope scope(ClinicId clinic, String professional, String service) {
        Optional<ProfessionalId> who = professional == null || professional.isBlank() ? Optional.empty()
                : Optional.of(new ProfessionalId(Params.id(professional)));
        if (service != null && !service.isBlank() && !ServiceTypeCode.isValid(service.strip())) {
            throw new ProblemException(Problem.UNKNOWN_SERVICE, Params.shown(service));
        }
        Optional<ServiceTypeCode> what = service == null || service.isBlank() ? Optional.empty() : Optional.of(new ServiceTypeCode(service.strip()));
        return new PolicyScope(clinic, who, what);
    }

    /** The scope, once its clinic, professional and service are known to exist. */
    private PolicyScope checked(PolicyScope scope) {
        policies.checkScope(scope).ifPresent(defect -> {
            throw unknown(new PolicyChange.UnknownScope(defect), scope);
        });
        return scope;
    }

    private static ProblemException unknown(PolicyChange.UnknownScope unknown, PolicyScope scope) {
        return switch (unknown.defect()) {
            case UNKNOWN_CLINIC -> new ProblemException(Problem.CLINIC_NOT_FOUND, scope.clinic().toString());
            case UNKNOWN_PROFESSIONAL -> new ProblemException(Problem.UNKNOWN_PROFESSIONAL, scope.professional().map(ProfessionalId::toString).orElse(""));
            case UNKNOWN_SERVICE -> new ProblemException(Problem.UNKNOWN_SERVICE, scope.service().map(ServiceTypeCode::value).orElse(""));
        };
    }
}
