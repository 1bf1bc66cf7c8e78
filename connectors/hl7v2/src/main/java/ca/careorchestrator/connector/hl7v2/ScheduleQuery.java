package ca.careorchestrator.connector.hl7v2;

import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.v251.message.SQM_S25;
import ca.uhn.hl7v2.util.Terser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A full read: SQM^S25 (QRD-9 = SAL, all schedule information: open and booked slots) and its SQR^S25
 * answers, page by page through the DSC continuation pointer, on one connection. Each page's MSH-7 is the
 * version of the slots in it: the page shows them as they are at that instant.
 */
final class ScheduleQuery {

    static final Duration RETRY = Duration.ofSeconds(5);
    private static final int MAX_PAGES = 100_000;

    private final Hl7Codec codec;
    private final Settings settings;
    private final URI endpoint;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicLong queries = new AtomicLong();

    ScheduleQuery(Hl7Codec codec, Settings settings, URI endpoint, Duration timeout, Clock clock) {
        this.codec = codec;
        this.settings = settings;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.clock = clock;
    }

    Outcome pull(RecordSink sink) throws InterruptedException {
        String queryId = "Q" + clock.millis() + "-" + queries.incrementAndGet();
        try (MllpClient client = MllpClient.connect(endpoint, timeout, settings.charset())) {
            long read = 0;
            String pointer = null;
            Instant lastPage = clock.instant();
            for (int page = 0; page < MAX_PAGES; page++) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("pull of " + endpoint + " interrupted");
                }
                String text = client.exchange(request(queryId, page, pointer), Outgoing.charset());
                Message answer;
                Terser terser;
                ScheduleTranslator.Envelope envelope;
                try {
                    answer = codec.parse(text);
                    terser = Hl7Codec.terser(answer);
                    String code = terser.get("MSA-1");
                    if (!"AA".equals(code) && !"CA".equals(code)) {
                        String reason = "schedule query refused (" + code + "): " + terser.get("MSA-3");
                        return "AR".equals(code) || "CR".equals(code) ? new Outcome.RetryAfter(RETRY, reason) : new Outcome.PermanentFailure(reason);
                    }
                    envelope = SiuReceiver.envelope(terser, settings.zone());
                } catch (HL7Exception | RuntimeException e) {
                    String reason = "unreadable SQR^S25 answer: " + e.getMessage();
                    Outcome quarantined = sink.deliver(ScheduleTranslator.unreadable(null, reason, text));
                    return quarantined instanceof Outcome.Ok ? new Outcome.Rejected(null, reason, text) : quarantined;
                }
                List<SourceRecord> records = records(answer, text, envelope);
                Outcome outcome = sink.deliver(records);
                if (!(outcome instanceof Outcome.Ok)) {
                    return outcome;
                }
                read += records.size();
                lastPage = Instant.ofEpochMilli(envelope.version());
                String next = continuation(terser);
                if (next == null) {
                    return new Outcome.Ok(read, new Checkpoint(lastPage.toString()), Outcome.Coverage.FULL);
                }
                if (next.equals(pointer)) {
                    return new Outcome.PermanentFailure("SQR^S25 continuation pointer did not advance: " + next);
                }
                pointer = next;
            }
            return new Outcome.PermanentFailure("SQR^S25 still continuing after " + MAX_PAGES + " pages");
        } catch (MllpClient.ExchangeFailed e) {
            return new Outcome.RetryAfter(RETRY, e.getMessage());
        } catch (HL7Exception e) {
            return new Outcome.PermanentFailure("cannot read the SQR^S25 answer: " + e.getMessage());
        }
    }

    /** The page's SCHEDULE groups as written: from each SCH segment up to the next SCH, DSC or the end. */
    static List<String> scheduleBlocks(String text) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String segment : text.split("[\r\n]+")) {
            if (segment.startsWith("SCH|")) {
                if (current != null) {
                    blocks.add(current.toString());
                }
                current = new StringBuilder();
            } else if (segment.startsWith("DSC|") || segment.startsWith("MSH|") || segment.startsWith("MSA|") || segment.startsWith("QAK|")) {
                if (current != null) {
                    blocks.add(current.toString());
                    current = null;
                }
                continue;
            }
            if (current != null) {
                current.append(segment).append('\r');
            }
        }
        if (current != null) {
            blocks.add(current.toString());
        }
        return blocks;
    }

    private String request(String queryId, int page, String pointer) {
        SQM_S25 sqm = codec.create(new SQM_S25());
        Terser t = Hl7Codec.terser(sqm);
        Instant now = clock.instant();
        try {
            Outgoing.header(t, settings, "SQM", "S25", "SQM_S25", queryId + "-" + page, now);
            // QRD: record-oriented (R), immediate (I), this query's id, page size, everyone (ALL), all schedule info (SAL).
            t.set("QRD-1", Hl7Time.format(now, settings.zone()));
            t.set("QRD-2", "R");
            t.set("QRD-3", "I");
            t.set("QRD-4", queryId);
            t.set("QRD-7-1", String.valueOf(settings.pageSize()));
            t.set("QRD-7-2-1", "RD");
            t.set("QRD-8-1", "ALL");
            t.set("QRD-9-1", "SAL");
            if (pointer != null) {
                t.set("DSC-1", pointer);
                t.set("DSC-2", "I");
            }
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build SQM^S25: " + e.getMessage(), e);
        }
        return codec.encode(sqm);
    }

    private static List<SourceRecord> records(Message answer, String text, ScheduleTranslator.Envelope envelope) throws HL7Exception {
        List<SourceRecord> records = new ArrayList<>();
        Set<String> sites = new HashSet<>();
        List<Structure> schedules = new ArrayList<>();
        for (Structure schedule : ((Group) answer).getAll("SCHEDULE")) {
            if (!((Group) schedule).isEmpty()) {
                schedules.add(schedule);
            }
        }
        List<String> blocks = scheduleBlocks(text);
        for (int i = 0; i < schedules.size(); i++) {
            Structure schedule = schedules.get(i);
            // Each slot's payload as received: its SCH group cut from the page's text (re-encoding every group
            // through HAPI took 40 % of a full read); re-encoded only if the text does not line up.
            String raw = blocks.size() == schedules.size() ? blocks.get(i) : Hl7Codec.text(schedule, answer);
            for (SourceRecord record : ScheduleTranslator.translate(schedule, SiuTrigger.Effect.BY_STATUS, envelope, raw)) {
                if (!(record instanceof SourceRecord.SiteSeen site) || sites.add(site.siteRef())) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static String continuation(Terser terser) throws HL7Exception {
        String pointer = terser.get("DSC-1");
        return pointer == null || pointer.isBlank() ? null : pointer;
    }
}
