package ca.careorchestrator.app.fairness;

import ca.careorchestrator.app.support.Caller;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A malicious partner platform, simulated on the test side: it speaks only the orchestrator's public protocol over
 * HTTP (a bearer token of its own by client credentials, the public slot search, holds naming a patient), as the
 * private portal reported to the ministry would. It watches a window of slots, grabs what it sees (new slots first:
 * a slot appearing between two polls is a release), names one of its many identities in turn (residents it
 * "borrowed", and a few made-up NAMs that pass the check digit but that the registry does not know), confirms one hold
 * in three and lets the others go, to grab them again; half of what it booked it cancels two polls later (sold on: freed
 * to be grabbed in the buyer's name).
 *
 * <p>It keeps its own figures (what it tried, what it got, why it was refused) for the scenario to print. Not
 * thread-safe: the scenario drives it one poll at a time.
 */
final class HoardingPartner {

    /** A patient the bot names: borrowed (a real resident's NAM and birth date) or made up. */
    record Identity(String nam, LocalDate birthDate, boolean madeUp) {
        String json() {
            return "{\"nam\":\"%s\",\"birthDate\":\"%s\"}".formatted(nam, birthDate);
        }
    }

    /** A hold the bot got, and what it plans for it. */
    record Grab(String slot, String hold, Identity who, int poll) {
    }

    /** A booking the bot parked under a borrowed identity. */
    record Parked(String slot, String appointment, Identity who, int poll) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clientId;
    private final Caller caller;
    private final List<Identity> identities;
    private final int attemptsPerPoll;
    private int nextIdentity;
    private int polls;
    private final Set<String> seen = new HashSet<>();
    private final Deque<Grab> holding = new ArrayDeque<>();
    private final Deque<Parked> parked = new ArrayDeque<>();
    /** What the last hold attempt on each slot was answered. */
    private final Map<String, String> tried = new LinkedHashMap<>();
    /** Slots it holds or booked now, by slot id. */
    private final Map<String, String> captured = new LinkedHashMap<>();
    private final Map<String, Integer> answers = new TreeMap<>();
    private int attempts;
    private int held;
    private int booked;
    private int letGo;
    private int newSeen;
    private int settled;
    private int cancelled;
    private int parkedSeen;
    private Duration pace = Duration.ZERO;

    HoardingPartner(int port, String clientId, String secret, List<Identity> identities, int attemptsPerPoll) {
        this.clientId = clientId;
        this.caller = Caller.client(port, clientId, secret);
        this.identities = List.copyOf(identities);
        this.attemptsPerPoll = attemptsPerPoll;
    }

    /** Waits this long before each request (to stay under a rate limit). */
    void pace(Duration pace) {
        this.pace = pace;
    }

    String clientId() {
        return clientId;
    }

    /**
     * One poll: search the window page by page and try to hold what it sees, newly appeared slots first; then settle the
     * holds and bookings of earlier polls (one hold in three confirmed, the others let go to be grabbed again).
     */
    void poll(Instant from, Instant to) {
        polls++;
        List<String> fresh = new ArrayList<>();
        List<String> old = new ArrayList<>();
        for (String slot : search(from, to)) {
            if (captured.containsKey(slot)) {
                continue;
            }
            if (seen.add(slot) && polls > 1) {
                fresh.add(slot);
                newSeen++;
            } else {
                old.add(slot);
            }
        }
        List<String> targets = new ArrayList<>(fresh);
        targets.addAll(old);
        for (String slot : targets.subList(0, Math.min(attemptsPerPoll, targets.size()))) {
            grab(slot);
        }
        settle(); // after the grab: a sniper looks first
    }

    private void settle() {
        int p = parked.size();
        for (int i = 0; i < p; i++) {
            Parked booking = parked.pollFirst();
            if (polls - booking.poll() < 2) {
                parked.addLast(booking);
                continue;
            }
            // Every second parked booking is cancelled soon after it was made (its customer bought it: it is freed, to be
            // grabbed again in the customer's name); the others are kept.
            if (parkedSeen++ % 2 == 0) {
                HttpResponse<String> answer = caller.post("/api/v1/appointments/" + booking.appointment() + "/cancel", patient(booking.who()));
                count("cancel " + answer.statusCode());
                if (answer.statusCode() == 200) {
                    cancelled++;
                    captured.remove(booking.slot());
                }
            }
        }
        int n = holding.size();
        for (int i = 0; i < n; i++) {
            Grab grab = holding.pollFirst();
            if (grab.poll() >= polls) {
                holding.addLast(grab);
                continue;
            }
            if (settled++ % 3 == 0) {
                HttpResponse<String> confirmed = caller.post("/api/v1/holds/" + grab.hold() + "/confirm", patient(grab.who()));
                count("confirm " + confirmed.statusCode());
                if (confirmed.statusCode() == 201) {
                    booked++;
                    parked.addLast(new Parked(grab.slot(), JSON.readTree(confirmed.body()).get("appointment").get("id").asString(), grab.who(), polls));
                    continue; // parked: resold to a customer later
                }
            } else {
                HttpResponse<String> released = caller.post("/api/v1/holds/" + grab.hold() + "/release", patient(grab.who()));
                count("release " + released.statusCode());
                letGo++;
            }
            captured.remove(grab.slot());
        }
    }

    private void grab(String slot) {
        Identity who = identities.get(nextIdentity++ % identities.size());
        attempts++;

        pause();
        HttpResponse<String> answer = caller.post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot, who.json()));
        if (answer.statusCode() == 201) {
            held++;
            String hold = JSON.readTree(answer.body()).get("id").asString();
            holding.addLast(new Grab(slot, hold, who, polls));
            captured.put(slot, hold);
            count("hold 201");
            tried.put(slot, "201");
        } else {
            String refused = answer.statusCode() + " " + problem(answer);
            count("hold " + refused);
            tried.put(slot, refused);
        }
    }

    private List<String> search(Instant from, Instant to) {
        List<String> slots = new ArrayList<>();
        for (int page = 0; page < 50; page++) {
            HttpResponse<String> answer = caller.get("/api/v1/slots?region=11&size=100&page=" + page + "&from="
                    + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8));
            if (answer.statusCode() != 200) {
                count("search " + answer.statusCode() + " " + problem(answer));
                break;
            }
            JsonNode body = JSON.readTree(answer.body());
            for (JsonNode slot : body.get("items")) {
                if (slot.get("booking").get("channel").asString().equals("API")) {
                    slots.add(slot.get("id").asString());
                }
            }
            if (!body.get("hasNext").asBoolean()) {
                break;
            }
        }
        return slots;
    }

    private void pause() {
        if (pace.isPositive()) {
            try {
                Thread.sleep(pace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String patient(Identity who) {
        return "{\"patient\":" + who.json() + "}";
    }

    private static String problem(HttpResponse<String> answer) {
        try {
            String type = JSON.readTree(answer.body()).get("type").asString();
            return type.substring(type.lastIndexOf('/') + 1);
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private void count(String answer) {
        answers.merge(answer, 1, Integer::sum);
    }

    /** Slots it holds or booked now. */
    Set<String> captured() {
        return Set.copyOf(captured.keySet());
    }

    /** Slots it tried to hold at least once, with the last answer. */
    Map<String, String> tried() {
        return Map.copyOf(tried);
    }

    int attempts() {
        return attempts;
    }

    int held() {
        return held;
    }

    int booked() {
        return booked;
    }

    Map<String, Integer> answers() {
        return Map.copyOf(answers);
    }

    String figures() {
        return "%s: %d polls, %d hold attempts, %d held, %d booked, %d let go, %d bookings cancelled soon after, %d slots seen appearing between polls, answers %s"
                .formatted(clientId, polls, attempts, held, booked, letGo, cancelled, newSeen, answers);
    }
}
