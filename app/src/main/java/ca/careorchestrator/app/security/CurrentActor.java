package ca.careorchestrator.app.security;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.identity.SignedInPatient;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.geo.RegionCode;
import java.util.Collection;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Who is acting on the current request, for controllers: read from the security context the filter chains filled.
 * {@link #patientToActFor} settles which patient a booking request is for, the same way for the JSON API, the FHIR
 * facade and the pages: a signed-in patient acts for themself, a partner and the access desk for the verified
 * patient they name (a partner without one is refused before anything changes).
 */
@Component
public final class CurrentActor {

    private final ObjectProvider<InsuredPeople> registry;

    CurrentActor(ObjectProvider<InsuredPeople> registry) {
        this.registry = registry;
    }

    public Actor actor() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static Actor of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return new Actor.Anonymous();
        }
        return switch (authentication.getPrincipal()) {
            case SignedInPatient patient -> new Actor.Patient(patient.patient());
            case StaffMember staff -> switch (staff.role()) {
                case CLINIC_STAFF -> new Actor.ClinicStaff(staff.username(), new ClinicId(staff.clinic()));
                case ACCESS_DESK -> new Actor.AccessDesk(staff.username(), new RegionCode(staff.region()));
                case MINISTRY_ANALYST -> new Actor.Analyst(staff.username());
                case OPERATOR -> new Actor.Operator(staff.username());
                case PATIENT, PARTNER -> throw new IllegalStateException("a staff member is never " + staff.role());
            };
            case null, default -> authentication instanceof JwtAuthenticationToken jwt ? client(jwt) : new Actor.Anonymous();
        };
    }

    private static Actor client(JwtAuthenticationToken jwt) {
        String client = jwt.getName();
        Collection<GrantedAuthority> authorities = jwt.getAuthorities();
        if (has(authorities, Role.PARTNER.authority())) {
            return new Actor.Partner(client);
        }
        if (has(authorities, Role.OPERATOR.authority())) {
            return new Actor.Operator(client);
        }
        return new Actor.Source(client);
    }

    private static boolean has(Collection<GrantedAuthority> authorities, String authority) {
        return authorities.stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    /**
     * The patient a hold, booking, cancellation or lookup is for. {@code named} is the patient the request names (NAM
     * and birth date, already checked), empty when it names none.
     *
     * @throws ProblemException {@code partner-patient-required} (422) for a partner naming nobody; {@code forbidden}
     *                          for a signed-in patient naming someone else, or anyone else than a patient, partner, desk
     *                          (or the NAM form, until sign-in); {@code missing-parameter} for the desk naming nobody
     */
    public PatientIdentity patientToActFor(Optional<PatientIdentity> named) {
        return switch (actor()) {
            case Actor.Patient patient -> {
                PatientIdentity self = registry.stream().findFirst().flatMap(people -> people.identity(patient.patient()))
                        .orElseThrow(() -> new ProblemException(Problem.FORBIDDEN));
                if (named.isPresent() && !named.get().ref().equals(self.ref())) {
                    throw new ProblemException(Problem.FORBIDDEN); // a patient acts for themself only
                }
                yield self;
            }
            case Actor.Partner partner -> named.orElseThrow(() -> new ProblemException(Problem.PARTNER_PATIENT_REQUIRED));
            case Actor.AccessDesk desk -> named.orElseThrow(() -> new ProblemException(Problem.MISSING_PARAMETER, "patient"));
            // The NAM form of the booking pages, until identity's sign-in replaces it (care.security.nam-form-open).
            case Actor.Anonymous anonymous -> named.orElseThrow(() -> new ProblemException(Problem.MISSING_PARAMETER, "patient"));
            case Actor.Source source -> throw new ProblemException(Problem.FORBIDDEN);
            case Actor.ClinicStaff staff -> throw new ProblemException(Problem.FORBIDDEN);
            case Actor.Analyst analyst -> throw new ProblemException(Problem.FORBIDDEN);
            case Actor.Operator operator -> throw new ProblemException(Problem.FORBIDDEN);
        };
    }

    /** The clinic of the signed-in clinic staff member. */
    public Optional<ClinicId> clinic() {
        return actor() instanceof Actor.ClinicStaff staff ? Optional.of(staff.clinic()) : Optional.empty();
    }

    /** The health region of the signed-in access-desk user: priorities are set for care requests of that region only. */
    public Optional<RegionCode> deskRegion() {
        return actor() instanceof Actor.AccessDesk desk ? Optional.of(desk.region()) : Optional.empty();
    }

    /** Refuses ({@code forbidden}) unless the access-desk user works in {@code region}: for the waitlist's priority setting. */
    public void requireDeskRegion(RegionCode region) {
        if (deskRegion().filter(region::equals).isEmpty()) {
            throw new ProblemException(Problem.FORBIDDEN);
        }
    }
}
