package ca.careorchestrator.app.security;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.fairness.Fairness;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.identity.SignedInPatient;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.booking.Actor;
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
    private final ObjectProvider<Fairness> fairness;

    CurrentActor(ObjectProvider<InsuredPeople> registry, ObjectProvider<Fairness> fairness) {
        this.registry = registry;
        this.fairness = fairness;
    }

    /**
     * The patient a request names, checked by {@code verification} (the registry); a refusal is reported to the
     * hoarding watch against whoever named them (a channel naming made-up or borrowed identities), then thrown.
     */
    public PatientIdentity verified(java.util.function.Supplier<PatientIdentity> verification) {
        try {
            return verification.get();
        } catch (ProblemException refused) {
            channel().ifPresent(channel -> fairness.ifAvailable(watch -> watch.verificationFailed(channel)));
            throw refused;
        }
    }

    /** Who is asking as a party the hoarding watch counts: a patient, a partner, a desk nurse, staff; nobody if anonymous. */
    Optional<Actor> channel() {
        return switch (requester()) {
            case Requester.Anonymous anonymous -> Optional.empty();
            case Requester.Patient patient -> Optional.of(Actor.patient(patient.patient().value()));
            case Requester.Partner partner -> Optional.of(new Actor(Actor.Kind.PARTNER, partner.clientId()));
            case Requester.AccessDesk desk -> Optional.of(new Actor(Actor.Kind.ACCESS_DESK, desk.user()));
            case Requester.ClinicStaff staff -> Optional.of(new Actor(Actor.Kind.CLINIC_STAFF, staff.user()));
            case Requester.Operator operator -> Optional.of(new Actor(Actor.Kind.OPERATOR, operator.user()));
            case Requester.Analyst analyst -> Optional.of(new Actor(Actor.Kind.OPERATOR, analyst.user()));
            case Requester.Source source -> Optional.of(new Actor(Actor.Kind.OPERATOR, source.clientId()));
        };
    }

    /** Who sent this request. */
    public Requester requester() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /**
     * The actor a hold for {@code patient} is recorded with (hoarding detection counts per actor): the patient themself
     * (their registry id, the key the booking module uses for them), the partner
     * (its client id) or the desk nurse (user name) acting for them.
     */
    public Actor actorFor(PatientIdentity patient) {
        return switch (requester()) {
            case Requester.Anonymous anonymous -> Actor.patient(patient.ref());
            case Requester.Patient signedIn -> Actor.patient(patient.ref());
            case Requester.Partner partner -> new Actor(Actor.Kind.PARTNER, partner.clientId());
            case Requester.AccessDesk desk -> new Actor(Actor.Kind.ACCESS_DESK, desk.user());
            case Requester.ClinicStaff staff -> new Actor(Actor.Kind.CLINIC_STAFF, staff.user());
            case Requester.Operator operator -> new Actor(Actor.Kind.OPERATOR, operator.user());
            // Never acting for a patient (patientToActFor refuses them): recorded as what they are closest to.
            case Requester.Analyst analyst -> new Actor(Actor.Kind.OPERATOR, analyst.user());
            case Requester.Source source -> new Actor(Actor.Kind.OPERATOR, source.clientId());
        };
    }

    static Requester of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return new Requester.Anonymous();
        }
        return switch (authentication.getPrincipal()) {
            case SignedInPatient patient -> new Requester.Patient(patient.patient());
            case StaffMember staff -> switch (staff.role()) {
                case CLINIC_STAFF -> new Requester.ClinicStaff(staff.username(), new ClinicId(staff.clinic()));
                case ACCESS_DESK -> new Requester.AccessDesk(staff.username(), new RegionCode(staff.region()));
                case MINISTRY_ANALYST -> new Requester.Analyst(staff.username());
                case OPERATOR -> new Requester.Operator(staff.username());
                case PATIENT, PARTNER -> throw new IllegalStateException("a staff member is never " + staff.role());
            };
            case null, default -> authentication instanceof JwtAuthenticationToken jwt ? client(jwt) : new Requester.Anonymous();
        };
    }

    private static Requester client(JwtAuthenticationToken jwt) {
        String client = jwt.getName();
        Collection<GrantedAuthority> authorities = jwt.getAuthorities();
        if (has(authorities, Role.PARTNER.authority())) {
            return new Requester.Partner(client);
        }
        if (has(authorities, Role.OPERATOR.authority())) {
            return new Requester.Operator(client);
        }
        return new Requester.Source(client);
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
     *                          ; {@code authentication-required} for nobody signed in; {@code missing-parameter} for the
     *                          desk naming nobody
     */
    public PatientIdentity patientToActFor(Optional<PatientIdentity> named) {
        return switch (requester()) {
            case Requester.Patient patient -> {
                PatientIdentity self = Optional.ofNullable(registry.getIfAvailable()).flatMap(people -> people.identity(patient.patient()))
                        .orElseThrow(() -> new ProblemException(Problem.FORBIDDEN));
                if (named.isPresent() && !named.get().ref().equals(self.ref())) {
                    throw new ProblemException(Problem.FORBIDDEN); // a patient acts for themself only
                }
                yield self;
            }
            case Requester.Partner partner -> named.orElseThrow(() -> new ProblemException(Problem.PARTNER_PATIENT_REQUIRED));
            case Requester.AccessDesk desk -> named.orElseThrow(() -> new ProblemException(Problem.MISSING_PARAMETER, "patient"));
            // Nobody acts for a patient without signing in (a patient's one-time code, a partner's token, a desk session).
            case Requester.Anonymous anonymous -> throw new ProblemException(Problem.AUTHENTICATION_REQUIRED);
            case Requester.Source source -> throw new ProblemException(Problem.FORBIDDEN);
            case Requester.ClinicStaff staff -> throw new ProblemException(Problem.FORBIDDEN);
            case Requester.Analyst analyst -> throw new ProblemException(Problem.FORBIDDEN);
            case Requester.Operator operator -> throw new ProblemException(Problem.FORBIDDEN);
        };
    }

    /** The clinic of the signed-in clinic staff member. */
    public Optional<ClinicId> clinic() {
        return requester() instanceof Requester.ClinicStaff staff ? Optional.of(staff.clinic()) : Optional.empty();
    }

    /** The health region of the signed-in access-desk user: priorities are set for care requests of that region only. */
    public Optional<RegionCode> deskRegion() {
        return requester() instanceof Requester.AccessDesk desk ? Optional.of(desk.region()) : Optional.empty();
    }

    /** Refuses ({@code forbidden}) unless the access-desk user works in {@code region}: for the waitlist's priority setting. */
    public void requireDeskRegion(RegionCode region) {
        if (deskRegion().filter(region::equals).isEmpty()) {
            throw new ProblemException(Problem.FORBIDDEN);
        }
    }
}
