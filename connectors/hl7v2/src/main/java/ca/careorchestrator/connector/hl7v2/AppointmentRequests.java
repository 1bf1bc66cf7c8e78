package ca.careorchestrator.connector.hl7v2;

import ca.careorchestrator.connector.spi.BookingAnswer;
import ca.careorchestrator.connector.spi.BookingCommand;
import ca.careorchestrator.connector.spi.CancelCommand;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.message.SRM_S01;
import ca.uhn.hl7v2.util.Terser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Booking as a placer: SRM^S01 (request new appointment) and SRM^S04 (request cancellation), answered by
 * SRR. MSH-10 is derived from the idempotency key, so a retried request is the same message to the filler.
 * The filler is the authority: AE/AR is a refusal; no answer is {@link BookingAnswer.Unknown}.
 */
final class AppointmentRequests {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

    private final Hl7Codec codec;
    private final Settings settings;
    private final URI endpoint;
    private final Duration timeout;
    private final Clock clock;

    AppointmentRequests(Hl7Codec codec, Settings settings, URI endpoint, Duration timeout, Clock clock) {
        this.codec = codec;
        this.settings = settings;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.clock = clock;
    }

    BookingAnswer book(BookingCommand command) {
        String controlId = Outgoing.controlId(command.idempotencyKey());
        SRM_S01 srm = codec.create(new SRM_S01());
        Terser t = Hl7Codec.terser(srm);
        try {
            Outgoing.header(t, settings, "SRM", "S01", "SRM_S01", controlId, clock.instant());
            // ARQ-1 placer appointment ID: ours (the control id); ARQ-2 filler appointment ID: the open slot's record.
            t.set("ARQ-1-1", controlId);
            t.set("ARQ-1-2", settings.application());
            t.set("ARQ-2-1", command.externalId());
            if (command.serviceCode() != null) {
                t.set("ARQ-7-1", command.serviceCode());
            }
            // PID-3 our pseudonymous reference (PI), then the NAM (JHN, RAMQ) when the patient gave one.
            t.set("/PATIENT/PID-1", "1");
            t.set("/PATIENT/PID-3(0)-1", command.patient().reference());
            t.set("/PATIENT/PID-3(0)-4-1", settings.application());
            t.set("/PATIENT/PID-3(0)-5", "PI");
            if (command.patient().healthInsuranceNumber() != null) {
                t.set("/PATIENT/PID-3(1)-1", command.patient().healthInsuranceNumber());
                t.set("/PATIENT/PID-3(1)-4-1", "RAMQ");
                t.set("/PATIENT/PID-3(1)-5", "JHN");
            }
            t.set("/PATIENT/PID-5-1", command.patient().familyName());
            t.set("/PATIENT/PID-5-2", command.patient().givenName());
            t.set("/PATIENT/PID-7", DATE.format(command.patient().birthDate()));
            t.set("/RESOURCES/RGS-1", "1");
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build SRM^S01: " + e.getMessage(), e);
        }
        return send(codec.encode(srm), Kind.BOOK, command.externalId());
    }

    BookingAnswer cancel(CancelCommand command) {
        String controlId = Outgoing.controlId(command.idempotencyKey());
        SRM_S01 srm = codec.create(new SRM_S01());
        Terser t = Hl7Codec.terser(srm);
        try {
            Outgoing.header(t, settings, "SRM", "S04", "SRM_S01", controlId, clock.instant());
            t.set("ARQ-1-1", controlId);
            t.set("ARQ-1-2", settings.application());
            // ARQ-2 filler appointment ID: what the filler answered to S01 (SRR SCH-2).
            t.set("ARQ-2-1", command.sourceAppointmentRef());
            if (command.reason() != null) {
                t.set("ARQ-6-2", command.reason());
            }
            t.set("/RESOURCES/RGS-1", "1");
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build SRM^S04: " + e.getMessage(), e);
        }
        return send(codec.encode(srm), Kind.CANCEL, command.sourceAppointmentRef());
    }

    private enum Kind {
        BOOK, CANCEL
    }

    private BookingAnswer send(String request, Kind kind, String subject) {
        String text;
        try (MllpClient client = MllpClient.connect(endpoint, timeout, settings.charset())) {
            text = client.exchange(request, Outgoing.charset());
        } catch (MllpClient.ExchangeFailed e) {
            return e.sent() ? new BookingAnswer.Unknown(e.getMessage()) : new BookingAnswer.RetryAfter(ScheduleQuery.RETRY, e.getMessage());
        }
        try {
            Message answer = codec.parse(text);
            Terser t = Hl7Codec.terser(answer);
            String code = t.get("MSA-1");
            if ("AE".equals(code) || "AR".equals(code)) {
                String reason = t.get("MSA-3");
                return new BookingAnswer.Refused(reason == null || reason.isBlank() ? "refused by the source (" + code + ")" : reason);
            }
            if (!"AA".equals(code)) {
                return new BookingAnswer.Unknown("SRR with MSA-1 '" + code + "'");
            }
            return switch (kind) {
                case BOOK -> {
                    // SRR SCH-2 filler appointment ID: how the filler names the appointment it made.
                    Segment sch = t.getSegment("/.SCH");
                    String appointment = Hl7Codec.joined(sch, 2, 4);
                    yield appointment == null ? new BookingAnswer.Unknown("SRR^S01 accepted without SCH-2 for " + subject)
                            : new BookingAnswer.Booked(appointment);
                }
                case CANCEL -> new BookingAnswer.Cancelled(subject);
            };
        } catch (HL7Exception | RuntimeException e) {
            return new BookingAnswer.Unknown("unreadable SRR answer: " + e.getMessage());
        }
    }
}
