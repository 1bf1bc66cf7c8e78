package ca.careorchestrator.connector.fhir;

import ca.careorchestrator.connector.spi.BookingAnswer;
import ca.careorchestrator.connector.spi.BookingCommand;
import ca.careorchestrator.connector.spi.BookingConnector;
import ca.careorchestrator.connector.spi.CancelCommand;
import ca.careorchestrator.connector.spi.Capability;
import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.PullConnector;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.connector.spi.WebhookConnector;
import ca.uhn.fhir.parser.DataFormatException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A FHIR R4 REST source. A pull searches Location, PractitionerRole and Schedule (what places a Slot), then
 * Slot, following Bundle {@code next} links, and delivers records in batches. The checkpoint is the
 * server's time at the pull's first answer, less an overlap (README: "Checkpoint"). Booking is a conditional
 * Appointment create keyed by the idempotency key; cancelling patches Appointment.status.
 */
final class FhirR4Connector implements PullConnector, BookingConnector, WebhookConnector {

    private static final List<String> PLACES = List.of("Location", "PractitionerRole", "Schedule");

    private final FhirSettings settings;
    private final Clock clock;
    private final FhirHttp http;
    private final SourceDirectory directory;
    private final RecordTranslator translator;
    private final AppointmentRequests appointments;

    FhirR4Connector(SourceConfig config) {
        this.settings = FhirSettings.of(config);
        this.clock = config.clock();
        this.http = new FhirHttp(settings);
        this.directory = new SourceDirectory(settings.identifierSystem() == null);
        this.translator = new RecordTranslator(settings, directory);
        this.appointments = new AppointmentRequests(settings);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.SEARCH, Capability.BOOK_BY_API, Capability.CANCEL_BY_API);
    }

    // ---- push (rest-hook notification) -------------------------------------------------------------------

    /**
     * A notification the server posted (a rest-hook subscription's Bundle: history, searchset or
     * subscription-notification): its Location, PractitionerRole, Schedule and Slot entries are translated as
     * a search page's are; other entries (a SubscriptionStatus) carry nothing to apply. A Slot whose Schedule
     * this connector has not read yet is unreadable until the next pull places it.
     */
    @Override
    public synchronized List<SourceRecord> translateNotification(String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        SearchPage page;
        try {
            page = SearchPage.parse(text, settings.identifierSystem());
        } catch (SearchPage.NotABundle e) {
            return List.of(new SourceRecord.Unreadable(null, "notification " + e.getMessage(), text));
        }
        List<SourceRecord> records = new ArrayList<>();
        for (SearchPage.Entry entry : page.entries()) {
            switch (entry.resourceType()) {
                case "Location" -> records.add(translator.location(entry));
                case "PractitionerRole" -> translator.practitionerRole(entry).ifPresent(records::add);
                case "Schedule" -> translator.schedule(entry).ifPresent(records::add);
                case "Slot" -> records.add(translator.slot(entry));
                default -> {
                    // Subscription bookkeeping (SubscriptionStatus, Parameters): nothing to apply.
                }
            }
        }
        return records;
    }

    // ---- pull ---------------------------------------------------------------------------------------------

    /**
     * One pull's progress: records waiting for the sink, how many went, the server's time at the first
     * answer, the newest meta.lastUpdated seen (the fallback when the server tells no time).
     */
    private static final class Pull {
        final List<SourceRecord> pending = new ArrayList<>();
        long delivered;
        Instant serverTime;
        Instant latestSeen;
    }

    @Override
    public synchronized Outcome pull(Checkpoint from, RecordSink sink) throws InterruptedException {
        boolean full = from.isNone();
        Optional<Instant> since;
        try {
            since = full ? Optional.empty() : Optional.of(Instant.parse(from.value()));
        } catch (DateTimeParseException e) {
            return new Outcome.PermanentFailure("checkpoint " + from.value() + " is not an instant this connector wrote");
        }
        Pull pull = new Pull();
        // A fresh connector (restart) knows no Schedules yet: it reads all of them before the changed Slots.
        Optional<Instant> placesSince = full || directory.isEmpty() ? Optional.empty() : since;
        for (String type : PLACES) {
            Optional<Outcome> trouble = search(type, placesSince, pull, sink);
            if (trouble.isPresent()) {
                return trouble.get();
            }
        }
        Optional<Outcome> trouble = search("Slot", since, pull, sink);
        if (trouble.isEmpty()) {
            trouble = flush(pull, sink);
        }
        if (trouble.isPresent()) {
            return trouble.get();
        }
        return new Outcome.Ok(pull.delivered, next(pull, from), full ? Outcome.Coverage.FULL : Outcome.Coverage.CHANGES);
    }

    /**
     * The next {@code _lastUpdated=gt} starts from the server's time at this pull's first answer
     * (Bundle.meta.lastUpdated, else the Date header), less the overlap: a change made while we were paging
     * is read again next time rather than missed, and re-reading is harmless (versions make it idempotent).
     * Our own clock is never used. Without either, the newest meta.lastUpdated seen; else where we started.
     */
    private Checkpoint next(Pull pull, Checkpoint from) {
        Instant base = pull.serverTime != null ? pull.serverTime : pull.latestSeen;
        return base == null ? from : new Checkpoint(base.minus(settings.checkpointOverlap()).toString());
    }

    /** Walks one search's pages; empty when it went through, else the outcome to return. */
    private Optional<Outcome> search(String type, Optional<Instant> since, Pull pull, RecordSink sink) throws InterruptedException {
        StringBuilder first = new StringBuilder(settings.base().toString()).append('/').append(type)
                .append("?_count=").append(settings.pageSize());
        since.ifPresent(instant -> first.append("&_lastUpdated=").append(URLEncoder.encode("gt" + instant, StandardCharsets.UTF_8)));
        URI next = URI.create(first.toString());
        while (next != null) {
            FhirHttp.Reply reply = http.get(next);
            SearchPage page;
            switch (reply) {
                case FhirHttp.Reply.NotSent notSent -> {
                    return Optional.of(new Outcome.RetryAfter(settings.defaultRetry(), notSent.reason()));
                }
                case FhirHttp.Reply.Lost lost -> {
                    return Optional.of(new Outcome.RetryAfter(settings.defaultRetry(), lost.reason()));
                }
                case FhirHttp.Reply.Answer answer -> {
                    if (answer.status() != 200) {
                        return Optional.of(failedSearch(type, answer));
                    }
                    try {
                        page = SearchPage.parse(answer.body(), settings.identifierSystem());
                    } catch (SearchPage.NotABundle e) {
                        return Optional.of(new Outcome.Rejected(null, type + " search answered " + e.getMessage(), answer.body()));
                    }
                    if (pull.serverTime == null) {
                        pull.serverTime = page.lastUpdated().or(() -> FhirHttp.date(answer.headers())).orElse(null);
                    }
                }
            }
            Optional<Outcome> trouble = take(type, page, pull, sink);
            if (trouble.isPresent()) {
                return trouble;
            }
            Optional<String> link = page.next();
            if (link.isPresent() && !sameOrigin(URI.create(link.get()))) {
                return Optional.of(new Outcome.PermanentFailure(type + " search: next link " + link.get() + " leaves " + settings.base()));
            }
            next = link.map(URI::create).orElse(null);
        }
        return Optional.empty();
    }

    private Optional<Outcome> take(String type, SearchPage page, Pull pull, RecordSink sink) {
        for (SearchPage.Entry entry : page.entries()) {
            if (entry.lastUpdated() != null && (pull.latestSeen == null || entry.lastUpdated().isAfter(pull.latestSeen))) {
                pull.latestSeen = entry.lastUpdated();
            }
            Optional<SourceRecord> record;
            if (!entry.resourceType().equals(type)) {
                record = Optional.of(translator.unexpected(entry, type));
            } else {
                record = switch (type) {
                    case "Location" -> Optional.of(translator.location(entry));
                    case "PractitionerRole" -> translator.practitionerRole(entry);
                    case "Schedule" -> translator.schedule(entry);
                    default -> Optional.of(translator.slot(entry));
                };
            }
            if (record.isPresent()) {
                pull.pending.add(record.get());
                if (pull.pending.size() >= settings.batchSize()) {
                    Optional<Outcome> trouble = flush(pull, sink);
                    if (trouble.isPresent()) {
                        return trouble;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Outcome> flush(Pull pull, RecordSink sink) {
        if (pull.pending.isEmpty()) {
            return Optional.empty();
        }
        List<SourceRecord> batch = List.copyOf(pull.pending);
        pull.pending.clear();
        Outcome outcome = sink.deliver(batch);
        if (outcome instanceof Outcome.Ok) {
            pull.delivered += batch.size();
            return Optional.empty();
        }
        return Optional.of(outcome);
    }

    /** 429, 408 and 5xx: try later (the server's Retry-After when it gives one); any other status: someone must act. */
    private Outcome failedSearch(String type, FhirHttp.Reply.Answer answer) {
        int status = answer.status();
        String reason = type + " search: HTTP " + status + outcomeText(answer.body()).map(t -> " (" + t + ")").orElse("");
        if (status == 429 || status == 408 || status >= 500) {
            Duration delay = FhirHttp.retryAfter(answer.headers(), clock.instant()).orElse(settings.defaultRetry());
            return new Outcome.RetryAfter(delay, reason);
        }
        return new Outcome.PermanentFailure(reason);
    }

    private boolean sameOrigin(URI uri) {
        URI base = settings.base();
        return base.getScheme().equalsIgnoreCase(uri.getScheme()) && base.getHost().equalsIgnoreCase(uri.getHost())
                && base.getPort() == uri.getPort();
    }

    // ---- booking ------------------------------------------------------------------------------------------

    /**
     * 201 (created) or 200 (the conditional create found our key: the earlier answer) → Booked; 409, 412,
     * 422 and other 4xx → Refused, the source's word; 429 and 503 (not processed, by definition) or a
     * request that never left → RetryAfter; any other 5xx or an answer lost after sending → Unknown, for
     * reconciliation (retrying with the same key is safe, the server matches it).
     */
    @Override
    public BookingAnswer book(BookingCommand command) throws InterruptedException {
        FhirHttp.Reply reply = http.post(URI.create(settings.base() + "/Appointment"), appointments.create(command),
                Map.of("If-None-Exist", appointments.ifNoneExist(command.idempotencyKey())));
        return switch (reply) {
            case FhirHttp.Reply.NotSent notSent -> new BookingAnswer.RetryAfter(settings.defaultRetry(), notSent.reason());
            case FhirHttp.Reply.Lost lost -> new BookingAnswer.Unknown(lost.reason());
            case FhirHttp.Reply.Answer answer when answer.status() == 200 || answer.status() == 201 -> appointmentId(answer)
                    .<BookingAnswer>map(BookingAnswer.Booked::new)
                    .orElseGet(() -> new BookingAnswer.Unknown("HTTP " + answer.status() + " without an Appointment id"));
            case FhirHttp.Reply.Answer answer -> troubleAnswer("booking", answer);
        };
    }

    /** PATCH Appointment/{id} status → cancelled. 200 → Cancelled; 404/410 and other 4xx → Refused. */
    @Override
    public BookingAnswer cancel(CancelCommand command) throws InterruptedException {
        String id = command.sourceAppointmentRef().replaceFirst("^Appointment/", "");
        FhirHttp.Reply reply = http.patch(URI.create(settings.base() + "/Appointment/" + URLEncoder.encode(id, StandardCharsets.UTF_8)),
                AppointmentRequests.CANCEL_PATCH);
        return switch (reply) {
            case FhirHttp.Reply.NotSent notSent -> new BookingAnswer.RetryAfter(settings.defaultRetry(), notSent.reason());
            case FhirHttp.Reply.Lost lost -> new BookingAnswer.Unknown(lost.reason());
            case FhirHttp.Reply.Answer answer when answer.status() == 200 || answer.status() == 204 ->
                    new BookingAnswer.Cancelled(command.sourceAppointmentRef());
            case FhirHttp.Reply.Answer answer -> troubleAnswer("cancellation", answer);
        };
    }

    private BookingAnswer troubleAnswer(String what, FhirHttp.Reply.Answer answer) {
        int status = answer.status();
        String reason = what + ": HTTP " + status + outcomeText(answer.body()).map(t -> " (" + t + ")").orElse("");
        if (status == 429 || status == 503) {
            return new BookingAnswer.RetryAfter(FhirHttp.retryAfter(answer.headers(), clock.instant()).orElse(settings.defaultRetry()), reason);
        }
        if (status >= 500 || status == 408) {
            return new BookingAnswer.Unknown(reason);
        }
        return new BookingAnswer.Refused(reason);
    }

    /** Appointment.id from the body, else from the Location header (…/Appointment/{id}/_history/{v}). */
    private static Optional<String> appointmentId(FhirHttp.Reply.Answer answer) {
        try {
            Appointment appointment = RecordTranslator.R4.newJsonParser().parseResource(Appointment.class, answer.body());
            if (appointment.hasIdElement() && appointment.getIdElement().hasIdPart()) {
                return Optional.of(appointment.getIdElement().getIdPart());
            }
        } catch (DataFormatException | IllegalArgumentException notAnAppointment) {
            // fall back to the Location header below
        }
        return answer.headers().firstValue("Location").flatMap(location -> {
            String[] parts = location.split("/");
            for (int i = 0; i + 1 < parts.length; i++) {
                if (parts[i].equals("Appointment")) {
                    return Optional.of(parts[i + 1]);
                }
            }
            return Optional.empty();
        });
    }

    /** OperationOutcome.issue details or diagnostics, for the reason (never patient data: the server wrote it). */
    private static Optional<String> outcomeText(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            OperationOutcome outcome = RecordTranslator.R4.newJsonParser().parseResource(OperationOutcome.class, body);
            return outcome.getIssue().stream()
                    .map(issue -> issue.getDetails().hasText() ? issue.getDetails().getText() : issue.getDiagnostics())
                    .filter(text -> text != null && !text.isBlank()).findFirst()
                    .map(text -> text.length() > 200 ? text.substring(0, 200) : text);
        } catch (DataFormatException | IllegalArgumentException notAnOutcome) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
