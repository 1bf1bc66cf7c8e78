package ca.careorchestrator.app.identity;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.booking.PatientRecords;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.NamCheck;
import ca.careorchestrator.core.patient.Patient;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PatientProfile;
import ca.careorchestrator.core.patient.Sex;
import ca.careorchestrator.simulator.province.Resident;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The registry of insured people (synthetic: the province's residents, loaded with it). Finds a person by the keyed
 * hash of their NAM, shows the NAM back only by decrypting it, and answers the facts allocation rules may see.
 */
@Service
public class Registry implements InsuredPeople, PatientProfiles, PatientRecords {

    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");

    private final PeopleStore store;
    private final NamProtection protection;
    private final Directory directory;
    private final Clock clock;

    Registry(PeopleStore store, NamProtection protection, Directory directory, Clock clock) {
        this.store = store;
        this.protection = protection;
        this.directory = directory;
        this.clock = clock;
    }

    // ---- loading (provisioning) ---------------------------------------------------------------------------

    /** Adds these residents in one transaction; {@code clinicOf} names the clinic of each family physician. */
    public void add(List<Resident> residents, Map<ProfessionalId, ClinicId> clinicOf) {
        store.insert(residents.stream().map(resident -> stored(resident, clinicOf)).toList());
    }

    private StoredPerson stored(Resident resident, Map<ProfessionalId, ClinicId> clinicOf) {
        Patient patient = resident.patient();
        String nam = patient.nam().value();
        Optional<ClinicId> clinic = patient.familyPhysician().map(clinicOf::get);
        return new StoredPerson(patient.id(), protection.hash(nam), protection.encrypt(nam), patient.birthDate(), patient.sex(),
                patient.familyName(), patient.givenName(), patient.home(), patient.language(), Optional.of(resident.email()),
                Optional.of(resident.mobilePhone()), clinic.isPresent() ? patient.familyPhysician() : Optional.empty(), clinic);
    }

    public boolean isEmpty() {
        return store.count() == 0;
    }

    public long size() {
        return store.count();
    }

    /** Empties the registry (an interrupted provisioning run starts again). */
    public void clear() {
        store.clear();
    }

    /**
     * The access desk (GAP) refers an orphan patient with a priority: the latest referral is what allocation rules see
     * ({@link PatientProfile#referral()}). False if the registry does not know the patient.
     */
    /** A synthetic resident a visitor may sign in as in a demonstration (all data is synthetic). */
    public record DemoPerson(String nam, LocalDate birthDate, Sex sex, String givenName, String familyName, boolean orphan) {
    }

    /** The first {@code count} residents with their NAM shown back (decrypted): the default run's sign-in hints. */
    public List<DemoPerson> demoPeople(int count) {
        return count <= 0 ? List.of() : store.sample(count).stream().map(p -> new DemoPerson(protection.decrypt(p.namCipher()), p.birthDate(),
                p.sex(), p.givenName(), p.familyName(), p.registeredProfessional().isEmpty())).toList();
    }

    public boolean refer(PatientId patient, ca.careorchestrator.core.patient.PriorityCode priority, String referredBy) {
        Optional<StoredPerson> person = store.byId(patient);
        Optional<PostalArea> area = person.flatMap(p -> directory.postalArea(p.fsa()));
        if (area.isEmpty()) {
            return false;
        }
        store.refer(patient, priority, area.get().localNetwork().region().value(), referredBy, clock.instant());
        return true;
    }

    // ---- InsuredPeople ------------------------------------------------------------------------------------

    @Override
    public Verification verify(String nam, LocalDate birthDate, Optional<Sex> sex, LocalDate today) {
        if (birthDate == null) {
            return new Verification.Refused(ca.careorchestrator.core.patient.NamDefect.IDENTITY_MISMATCH);
        }
        NamCheck check = sex.isPresent() ? HealthInsuranceNumber.check(nam, birthDate, sex.get(), today)
                : HealthInsuranceNumber.check(nam, today);
        return switch (check) {
            case NamCheck.Invalid(var defect) -> new Verification.Refused(defect);
            case NamCheck.Valid(HealthInsuranceNumber number) -> {
                if (!number.birthDate().equals(birthDate)) {
                    yield new Verification.Refused(ca.careorchestrator.core.patient.NamDefect.IDENTITY_MISMATCH);
                }
                yield store.byNamHash(protection.hash(number.value()))
                        .filter(person -> person.birthDate().equals(birthDate) && person.sex() == number.sex())
                        .<Verification>map(person -> new Verification.Verified(identity(person, number)))
                        .orElse(new Verification.NotRegistered());
            }
        };
    }

    /** A person found by the hash of {@code nam}, if the registry knows it (sign-in). */
    Optional<StoredPerson> byNam(HealthInsuranceNumber nam) {
        return store.byNamHash(protection.hash(nam.value()));
    }

    @Override
    public Optional<PatientIdentity> identity(PatientId patient) {
        return store.byId(patient).map(person -> {
            LocalDate today = LocalDate.ofInstant(clock.instant(), QUEBEC);
            if (!(HealthInsuranceNumber.check(protection.decrypt(person.namCipher()), today) instanceof NamCheck.Valid(
                    HealthInsuranceNumber nam))) {
                throw new IllegalStateException("the registry holds a NAM that no longer checks for " + patient);
            }
            return identity(person, nam);
        });
    }

    private static PatientIdentity identity(StoredPerson person, HealthInsuranceNumber nam) {
        return new PatientIdentity(person.id(), nam, person.familyName(), person.givenName());
    }

    @Override
    public Optional<Contact> contact(PatientId patient) {
        return store.byId(patient).map(p -> new Contact(p.email().orElse(null), p.mobilePhone().orElse(null), p.language()));
    }

    // ---- PatientProfiles ----------------------------------------------------------------------------------

    @Override
    public Optional<PatientProfile> profile(PatientId patient, LocalDate today) {
        return store.byId(patient).flatMap(person -> directory.postalArea(person.fsa()).map(area -> {
            LocalNetworkCode network = area.localNetwork();
            return new PatientProfile(person.id(), person.birthDate(), network.region(), network, person.registeredClinic(),
                    person.registeredProfessional(), store.latestReferral(person.id()));
        }));
    }
}
