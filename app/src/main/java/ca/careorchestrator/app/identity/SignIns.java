package ca.careorchestrator.app.identity;

import ca.careorchestrator.app.identity.SignInStore.StoredSignIn;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.NamCheck;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.Sex;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Patients sign in with their NAM, birth date and sex, then a one-time code sent to the registry's e-mail or mobile
 * phone. Starting answers the same for a person the registry does not know (a sign-in is stored with a code nobody
 * receives), so the registry cannot be probed. Codes: 6 digits from {@link SecureRandom}, stored only as an HMAC,
 * single use, valid {@code care.identity.code-ttl}. Wrong codes count over all of a NAM's sign-ins of the last
 * {@code care.identity.lockout}; at {@code care.identity.max-tries} the NAM is locked for that long.
 */
@Service
public class SignIns {

    private static final Logger log = LoggerFactory.getLogger(SignIns.class);
    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private final Registry registry;
    private final SignInStore store;
    private final NamProtection protection;
    private final SignInCodeSender sender;
    private final IdentityProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SignIns(Registry registry, SignInStore store, NamProtection protection, SignInCodeSender sender, IdentityProperties properties,
            TransactionTemplate transaction, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.protection = protection;
        this.sender = sender;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A started sign-in: its id (the challenge) and when its code stops working. */
    public record Started(UUID challenge, SignInChannel channel, Instant expiresAt) {
    }

    /** What typing a code gave. */
    public sealed interface Verified {

        record SignedIn(PatientId patient) implements Verified {
        }

        record WrongCode(int triesLeft) implements Verified {
        }

        /** Expired, already used, replaced by a newer code, or never issued. */
        record Expired() implements Verified {
        }

        record Locked(Duration retryAfter) implements Verified {
        }
    }

    /**
     * Starts a sign-in and sends its code if the registry knows this person. Throws the NAM's problem for a bad
     * NAM (format, date, check digit, another birth date or sex) and {@code sign-in-locked} while the NAM is locked.
     */
    public Started start(String nam, LocalDate birthDate, Sex sex, SignInChannel channel) {
        if (nam == null || nam.isBlank()) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "nam");
        }
        if (birthDate == null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "birthDate");
        }
        if (sex == null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "sex");
        }
        if (channel == null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "channel");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, QUEBEC);
        HealthInsuranceNumber number = switch (HealthInsuranceNumber.check(nam, birthDate, sex, today)) {
            case NamCheck.Invalid(var defect) -> throw new ProblemException(Problem.of(defect));
            case NamCheck.Valid(HealthInsuranceNumber valid) -> valid;
        };
        String namHash = protection.hash(number.value());
        Optional<PatientId> person = registry.byNam(number).filter(p -> p.birthDate().equals(birthDate) && p.sex() == sex)
                .map(StoredPerson::id);
        UUID id = UUID.randomUUID();
        String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
        Instant expires = now.plus(properties.codeTtl());
        transaction.executeWithoutResult(status -> {
            lockedFor(namHash, now).ifPresent(left -> {
                throw locked(left);
            });
            store.replaceOpen(namHash, now);
            store.insert(new StoredSignIn(id, namHash, person, channel, protection.mac(id + ":" + code), "OPEN", 0, now, expires));
        });
        // Sent off the request thread, known or not, so that the time to answer does not tell either.
        person.ifPresent(patient -> Thread.ofVirtual().name("sign-in-code").start(() -> {
            try {
                sender.send(patient, channel, code, properties.codeTtl());
            } catch (RuntimeException e) {
                log.warn("Sending a sign-in code to patient {} by {} failed: {}", patient, channel, e.getClass().getSimpleName());
            }
        }));
        return new Started(id, channel, expires);
    }

    /** Checks a code typed for this sign-in; a right code ends it (single use). */
    public Verified verify(UUID challenge, String code) {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            Optional<StoredSignIn> found = store.lock(challenge);
            if (found.isEmpty()) {
                return new Verified.Expired();
            }
            StoredSignIn signIn = found.get();
            Optional<Duration> locked = lockedFor(signIn.namHash(), now);
            if (locked.isPresent()) {
                return new Verified.Locked(locked.get());
            }
            if (!signIn.state().equals("OPEN") || !now.isBefore(signIn.expiresAt())) {
                return new Verified.Expired();
            }
            String typed = code == null ? "" : code.strip();
            if (CODE.matcher(typed).matches() && signIn.patient().isPresent()
                    && NamProtection.same(protection.mac(signIn.id() + ":" + typed), signIn.codeHash())) {
                store.end(signIn.id(), "USED", now);
                return new Verified.SignedIn(signIn.patient().get());
            }
            store.setTries(signIn.id(), signIn.tries() + 1);
            int tries = store.triesSince(signIn.namHash(), now.minus(properties.lockout()));
            if (tries >= properties.maxTries()) {
                store.end(signIn.id(), "LOCKED", now);
                log.info("Sign-in {} locked after {} wrong codes", signIn.id(), tries);
                return new Verified.Locked(properties.lockout());
            }
            return new Verified.WrongCode(properties.maxTries() - tries);
        });
    }

    private Optional<Duration> lockedFor(String namHash, Instant now) {
        return store.lastLocked(namHash).map(at -> Duration.between(now, at.plus(properties.lockout())))
                .filter(left -> left.isPositive());
    }

    /** The problem of a locked NAM: how long, in minutes, and Retry-After in seconds. */
    public ProblemException locked(Duration left) {
        long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
        return new ProblemException(Problem.SIGN_IN_LOCKED, minutes).retryAfter(Duration.ofSeconds(Math.max(1, left.toSeconds())));
    }

    public Duration codeTtl() {
        return properties.codeTtl();
    }
}
