package ca.careorchestrator.simulator.hl7;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformServer;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.util.Terser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One HL7v2 system (Logibec, Kinlogix, Medesync, Myle or Omnimed) on the wire, over a {@link SimulatedPlatform}:
 * <ul>
 * <li>an MLLP server on 127.0.0.1 answering SQM^S25 with SQR^S25 pages (every slot, Open or Booked; DSC
 * continuation) and SRM^S01/S04 with SRR (booking and cancelling through the platform, MSH-10 as the
 * idempotency key, the same SRR for a repeated MSH-10);</li>
 * <li>an outbound MLLP client pushing SIU messages for the platform's changes to the orchestrator's listener
 * ({@link #pushTo}), waiting for each ACK: S12 Booked for a booking, S15 for a cancellation, S17 for a
 * withdrawal; {@link #pushAll()} publishes every slot as S12 Open or Booked.</li>
 * </ul>
 * Faults ({@link SimulatedPlatform#faults()}) are honoured on every request and push: LATENCY delays answers
 * and pushes by about a second, CONNECTION_RESET cuts the connection mid-message, MALFORMED_RECORD garbles
 * one schedule (SCH-11.4) per answer or push run, DUPLICATES sends everything twice, OUT_OF_ORDER pushes the
 * pending changes newest first. Every message's MSH-7 comes from one strictly increasing clock, so it can
 * serve as the version of the slots it carries. Started by the shared runner (no main of its own).
 */
public final class Hl7Simulator implements PlatformServer {

    private static final System.Logger LOG = System.getLogger(Hl7Simulator.class.getName());
    static final Duration LATENCY = Duration.ofMillis(1_100);
    private static final int DEFAULT_PAGE = 500;
    private static final int MAX_PAGE = 1_000;
    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(50);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern FIELD = Pattern.compile("\\|");

    private final SimulatedPlatform platform;
    private final int requestedPort;
    private final Hl7Profile profile;
    private final ScheduleMessages messages;
    private final AtomicLong lastStamp = new AtomicLong();
    private final AtomicLong controlIds = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, String> answersByControlId = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 10_000;
        }
    };
    private final Object pushLock = new Object();
    private final Deque<Outbound> pending = new ArrayDeque<>();
    private long pushedSequence;
    private volatile InetSocketAddress pushTarget;
    private Socket pushSocket;
    private ServerSocket server;
    private volatile boolean closed;

    /** A message waiting for its ACK: resent as is (same MSH-10, same MSH-7) until AA or AE. */
    private record Outbound(String controlId, String text, PlatformSlot slot, ScheduleMessages.Trigger trigger) {
    }

    public Hl7Simulator(SimulatedPlatform platform, int port) {
        this.platform = platform;
        this.requestedPort = port;
        this.profile = Hl7Profile.of(platform.system());
        Map<ClinicId, String> names = new HashMap<>();
        for (Clinic clinic : platform.clinics()) {
            names.put(clinic.id(), clinic.name());
        }
        this.messages = new ScheduleMessages(profile, names);
        // What changed before we existed is in the state a full read or pushAll() shows.
        this.pushedSequence = platform.sequence();
    }

    @Override
    public SimulatedPlatform platform() {
        return platform;
    }

    /** The HL7 version this system speaks (MSH-12). */
    public String version() {
        return profile.version();
    }

    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 50);
        Thread.ofVirtual().name("hl7-sim-" + platform.system() + "-accept").start(this::accept);
    }

    @Override
    public URI endpoint() {
        return URI.create("mllp://127.0.0.1:" + port());
    }

    private synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getLocalPort();
    }

    /**
     * {@code mllp.listen-port}: where this system pushes (the connector listens there; "0" until
     * {@link #pushTo} names it); {@code hl7.version}: what the connector should write in MSH-12.
     */
    @Override
    public Map<String, String> connectorSettings() {
        InetSocketAddress target = pushTarget;
        return Map.of("mllp.listen-port", target == null ? "0" : String.valueOf(target.getPort()), "hl7.version", profile.version());
    }

    /** Where SIU messages go: the orchestrator's MLLP listener. */
    public void pushTo(InetSocketAddress target) {
        synchronized (pushLock) {
            this.pushTarget = target;
            closePushSocket();
        }
    }

    // ---------------------------------------------------------------- push (outbound SIU)

    /** Publishes every slot as SIU^S12 (Open or Booked), then whatever else is pending. */
    public PushReport pushAll() throws InterruptedException {
        synchronized (pushLock) {
            for (PlatformSlot slot : platform.slots()) {
                pending.add(outbound(ScheduleMessages.Trigger.S12, slot));
            }
            return pushPending();
        }
    }

    /** Sends the changes not yet ACKed (new changes of the platform included), each waiting for its ACK. */
    public PushReport pushPending() throws InterruptedException {
        synchronized (pushLock) {
            for (PlatformSlot change : platform.changesSince(pushedSequence)) {
                pending.add(outbound(trigger(change), change));
                pushedSequence = change.sequence();
            }
            return send();
        }
    }

    private static ScheduleMessages.Trigger trigger(PlatformSlot change) {
        return switch (change.status()) {
            case BOOKED -> ScheduleMessages.Trigger.S12;
            case FREE -> ScheduleMessages.Trigger.S15;
            case DELETED -> ScheduleMessages.Trigger.S17;
        };
    }

    private Outbound outbound(ScheduleMessages.Trigger trigger, PlatformSlot slot) {
        String controlId = nextControlId();
        return new Outbound(controlId, messages.siu(trigger, slot, controlId, nextStamp(), false), slot, trigger);
    }

    private enum Ack {
        ACCEPTED, REFUSED, RETRY
    }

    private record Delivery(Ack ack, String reason) {
    }

    private PushReport send() throws InterruptedException {
        if (pushTarget == null) {
            return new PushReport(0, List.of(), pending.size(), "no push target: call pushTo first");
        }
        if (pending.isEmpty()) {
            return new PushReport(0, List.of(), 0, null);
        }
        if (platform.has(FaultMode.LATENCY)) {
            Thread.sleep(LATENCY);
        }
        List<Outbound> order = new ArrayList<>(pending);
        if (platform.has(FaultMode.OUT_OF_ORDER)) {
            order.sort(Comparator.comparing((Outbound o) -> o.slot().sequence()).reversed());
        }
        int accepted = 0;
        List<PushReport.Rejection> rejections = new ArrayList<>();
        boolean malformedSent = false;
        for (Outbound message : order) {
            String wire = message.text();
            if (platform.has(FaultMode.MALFORMED_RECORD) && !malformedSent) {
                // The broken copy stands in for the real one: the change is lost to push, a full read recovers it.
                wire = messages.siu(message.trigger(), message.slot(), message.controlId(), stampOf(message), true);
                malformedSent = true;
            }
            Delivery delivery = null;
            for (int copy = 0; copy < (platform.has(FaultMode.DUPLICATES) ? 2 : 1); copy++) {
                Delivery attempt = deliverWithRetries(wire);
                if (attempt.ack() == Ack.RETRY) {
                    return new PushReport(accepted, rejections, pending.size(), attempt.reason());
                }
                if (delivery == null) {
                    delivery = attempt;
                }
            }
            pending.remove(message);
            if (delivery.ack() == Ack.ACCEPTED) {
                accepted++;
            } else {
                rejections.add(new PushReport.Rejection(message.controlId(), delivery.reason(), wire));
            }
        }
        return new PushReport(accepted, rejections, pending.size(), null);
    }

    private Instant stampOf(Outbound message) {
        // MSH-7 of the original, so the broken copy claims the same version.
        String msh7 = FIELD.split(message.text(), 8)[6];
        return Instant.from(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ").parse(msh7));
    }

    private Delivery deliverWithRetries(String text) throws InterruptedException {
        Duration backOff = FIRST_BACK_OFF;
        Delivery last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            last = deliver(text);
            if (last.ack() != Ack.RETRY) {
                return last;
            }
            if (attempt < ATTEMPTS) {
                Thread.sleep(backOff);
                backOff = backOff.multipliedBy(2);
            }
        }
        return last;
    }

    private Delivery deliver(String text) {
        byte[] payload = text.getBytes(profile.charset());
        try {
            Socket socket = pushSocket();
            OutputStream out = socket.getOutputStream();
            if (platform.has(FaultMode.CONNECTION_RESET)) {
                byte[] frame = MllpFrames.frame(payload);
                out.write(frame, 0, frame.length / 2);
                out.flush();
                reset(socket);
                pushSocket = null;
                return new Delivery(Ack.RETRY, "connection reset mid-message");
            }
            MllpFrames.write(out, payload);
            byte[] answer = MllpFrames.read(new BufferedInputStream(socket.getInputStream()));
            if (answer == null) {
                closePushSocket();
                return new Delivery(Ack.RETRY, "connection closed before the ACK");
            }
            return ack(new String(answer, MllpFrames.charsetOf(answer)));
        } catch (SocketTimeoutException e) {
            closePushSocket();
            return new Delivery(Ack.RETRY, "no ACK within " + ACK_TIMEOUT);
        } catch (IOException e) {
            closePushSocket();
            return new Delivery(Ack.RETRY, "push failed: " + e);
        }
    }

    /** MSA-1 and MSA-3 of an ACK, read as text: the receiver may answer in any version. */
    private static Delivery ack(String text) {
        for (String segment : text.split("\r")) {
            if (segment.startsWith("MSA")) {
                String[] fields = FIELD.split(segment, -1);
                String code = fields.length > 1 ? fields[1] : "";
                String reason = fields.length > 3 ? fields[3] : "";
                return switch (code) {
                    case "AA", "CA" -> new Delivery(Ack.ACCEPTED, "");
                    case "AE", "CE" -> new Delivery(Ack.REFUSED, reason);
                    default -> new Delivery(Ack.RETRY, "NACK " + code + ": " + reason);
                };
            }
        }
        return new Delivery(Ack.RETRY, "answer without MSA");
    }

    private Socket pushSocket() throws IOException {
        if (pushSocket == null || pushSocket.isClosed()) {
            Socket socket = new Socket();
            socket.connect(pushTarget, (int) ACK_TIMEOUT.toMillis());
            socket.setSoTimeout((int) ACK_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            pushSocket = socket;
        }
        return pushSocket;
    }

    private void closePushSocket() {
        if (pushSocket != null) {
            try {
                pushSocket.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing push socket", e);
            }
            pushSocket = null;
        }
    }

    // ---------------------------------------------------------------- server (SQM, SRM)

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().name("hl7-sim-" + platform.system()).start(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed", e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            byte[] request;
            while ((request = MllpFrames.read(in)) != null) {
                String answer = answer(new String(request, MllpFrames.charsetOf(request)));
                if (platform.has(FaultMode.LATENCY)) {
                    Thread.sleep(LATENCY);
                }
                byte[] payload = answer.getBytes(profile.charset());
                if (platform.has(FaultMode.CONNECTION_RESET)) {
                    byte[] frame = MllpFrames.frame(payload);
                    out.write(frame, 0, frame.length / 2);
                    out.flush();
                    reset(socket);
                    return;
                }
                MllpFrames.write(out, payload);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection ended", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    private String answer(String text) {
        String controlId = null;
        String event = null;
        try {
            Terser t = new Terser(messages.parse(text));
            controlId = t.get("MSH-10");
            event = t.get("MSH-9-2");
            return dispatch(t, t.get("MSH-9-1") + "^" + event, event, controlId);
        } catch (HL7Exception | RuntimeException e) {
            return messages.unsupported(event, controlId, "cannot read the request: " + e.getMessage(), nextControlId(), nextStamp());
        }
    }

    private String dispatch(Terser t, String kind, String event, String controlId) throws HL7Exception {
        return switch (kind) {
            case "SQM^S25" -> scheduleQuery(t, controlId);
            case "SRM^S01", "SRM^S04" -> cached(controlId, () -> appointmentRequest(t, event, controlId));
            default -> messages.unsupported(event, controlId, "this interface serves SQM^S25 and SRM^S01/S04, not " + kind,
                    nextControlId(), nextStamp());
        };
    }

    private interface Answering {
        String answer() throws HL7Exception;
    }

    private String cached(String controlId, Answering answering) throws HL7Exception {
        synchronized (answersByControlId) {
            String earlier = answersByControlId.get(controlId);
            if (earlier != null) {
                return earlier;
            }
            String answer = answering.answer();
            answersByControlId.put(controlId, answer);
            return answer;
        }
    }

    private String scheduleQuery(Terser t, String controlId) throws HL7Exception {
        String size = t.get("QRD-7-1");
        int pageSize = size == null || size.isBlank() ? DEFAULT_PAGE : Math.min(MAX_PAGE, Math.max(1, Integer.parseInt(size.strip())));
        String after = t.get("DSC-1");
        String queryTag = t.get("QRD-4");
        // A stable order, resumable after any id even if that slot has since gone: ids in string order.
        List<PlatformSlot> rest = platform.slots().stream()
                .filter(s -> after == null || after.isBlank() || s.externalId().compareTo(after) > 0)
                .sorted(Comparator.comparing(PlatformSlot::externalId))
                .toList();
        List<PlatformSlot> page = rest.subList(0, Math.min(pageSize, rest.size()));
        String continuation = rest.size() > page.size() ? page.getLast().externalId() : null;
        return messages.sqr(controlId, queryTag == null ? "" : queryTag, page, continuation, nextControlId(), nextStamp(),
                platform.has(FaultMode.MALFORMED_RECORD), platform.has(FaultMode.DUPLICATES));
    }

    private String appointmentRequest(Terser t, String event, String controlId) throws HL7Exception {
        String placerId = t.get("ARQ-1-1");
        String filler = t.get("ARQ-2-1");
        if (controlId == null || controlId.isBlank() || filler == null || filler.isBlank()) {
            return messages.srrRefused(event, controlId, "SRM needs MSH-10 and ARQ-2", nextControlId(), nextStamp());
        }
        SimulatedPlatform.BookResult result = event.equals("S01") ? platform.book(filler, controlId) : platform.cancel(filler);
        return switch (result) {
            case SimulatedPlatform.BookResult.Booked booked -> event.equals("S01")
                    ? messages.srrAccepted(event, controlId, placerId, booked.appointmentRef(), filler, "Booked", nextControlId(), nextStamp())
                    : messages.srrAccepted(event, controlId, placerId, booked.appointmentRef(), null, "Cancelled", nextControlId(), nextStamp());
            case SimulatedPlatform.BookResult.Refused refused -> messages.srrRefused(event, controlId, refused.reason(), nextControlId(), nextStamp());
        };
    }

    // ---------------------------------------------------------------- common

    /** MSH-7 for the next message: the platform's clock, made strictly increasing so it orders versions. */
    private Instant nextStamp() {
        long now = platform.clock().millis();
        return Instant.ofEpochMilli(lastStamp.updateAndGet(last -> Math.max(now, last + 1)));
    }

    private String nextControlId() {
        return profile.prefix() + controlIds.incrementAndGet();
    }

    private static void reset(Socket socket) throws IOException {
        // SO_LINGER 0: close sends RST, as a crashed interface engine would.
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing server", e);
                }
            }
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing connection", e);
            }
        }
        synchronized (pushLock) {
            closePushSocket();
        }
        messages.close();
    }

    /** For tests: the charset this system writes in. */
    Charset charset() {
        return profile.charset();
    }
}
