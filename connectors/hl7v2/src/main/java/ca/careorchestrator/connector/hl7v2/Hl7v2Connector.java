package ca.careorchestrator.connector.hl7v2;

import ca.careorchestrator.connector.spi.BookingAnswer;
import ca.careorchestrator.connector.spi.BookingCommand;
import ca.careorchestrator.connector.spi.BookingConnector;
import ca.careorchestrator.connector.spi.CancelCommand;
import ca.careorchestrator.connector.spi.Capability;
import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.PullConnector;
import ca.careorchestrator.connector.spi.PushConnector;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HL7v2 scheduling interface (Logibec, Kinlogix, Medesync, Myle, Omnimed): SIU^S12-S26 pushed to our MLLP
 * listener, SQM/SQR^S25 for full reads, SRM/SRR^S01/S04 for booking. See README.md for the profile.
 */
final class Hl7v2Connector implements PushConnector, PullConnector, BookingConnector {

    private final SourceConfig config;
    private final Settings settings;
    private final Hl7Codec codec = new Hl7Codec();
    private final SiuReceiver receiver;
    private final ScheduleQuery query;
    private final AppointmentRequests requests;
    private final AtomicLong acks = new AtomicLong();
    private MllpListener listener;

    Hl7v2Connector(SourceConfig config) {
        this.config = config;
        this.settings = Settings.of(config);
        this.receiver = new SiuReceiver(codec, settings.zone());
        this.query = new ScheduleQuery(codec, settings, config.endpoint(), config.timeout(), config.clock());
        this.requests = new AppointmentRequests(codec, settings, config.endpoint(), config.timeout(), config.clock());
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SEARCH, Capability.BOOK_BY_API, Capability.CANCEL_BY_API);
    }

    @Override
    public synchronized void listen(RecordSink sink) {
        if (listener != null) {
            throw new IllegalStateException("already listening on " + address());
        }
        String prefix = "CO" + Long.toString(config.clock().millis(), 36).toUpperCase(java.util.Locale.ROOT);
        try {
            listener = MllpListener.start(settings.listenHost(), settings.listenPort(), frame -> {
                Charset charset = Mllp.charsetOf(frame, settings.charset());
                String text = new String(frame, charset);
                Answer answer = receiver.receive(text, sink);
                String ack = Acks.ack(codec, RawHeader.of(text), answer, prefix + acks.incrementAndGet(), config.clock().instant(),
                        settings.zone(), settings.application(), settings.facility());
                return ack.getBytes(charset);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for " + config.system() + " on " + settings.listenHost() + ":"
                    + settings.listenPort(), e);
        }
    }

    @Override
    public synchronized String address() {
        return listener == null ? "not listening" : "mllp://" + listener.host().getHostAddress() + ":" + listener.port();
    }

    /** The port the listener took (0 before {@link #listen}): what the source is told to push to. */
    synchronized int localPort() {
        return listener == null ? 0 : listener.port();
    }

    /** Always a full read (SQM^S25 for all schedule information): pushed SIU messages carry the changes. */
    @Override
    public Outcome pull(Checkpoint from, RecordSink sink) throws InterruptedException {
        return query.pull(sink);
    }

    @Override
    public BookingAnswer book(BookingCommand command) {
        return requests.book(command);
    }

    @Override
    public BookingAnswer cancel(CancelCommand command) {
        return requests.cancel(command);
    }

    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close();
        }
        codec.close();
    }
}
