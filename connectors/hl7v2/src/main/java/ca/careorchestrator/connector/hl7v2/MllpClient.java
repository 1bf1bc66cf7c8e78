package ca.careorchestrator.connector.hl7v2;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;

/**
 * One outbound MLLP connection (queries and booking requests to the source): send a message, wait for its
 * answer. Failures say whether the request left us, which is what separates "retry" from "unknown".
 */
final class MllpClient implements AutoCloseable {

    /** Why an exchange failed: {@code sent} tells whether the source may have acted on the request. */
    static final class ExchangeFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean sent;

        ExchangeFailed(String message, boolean sent, Throwable cause) {
            super(message, cause);
            this.sent = sent;
        }

        boolean sent() {
            return sent;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Charset fallback;
    private final Duration timeout;

    private MllpClient(Socket socket, Charset fallback, Duration timeout) throws IOException {
        this.socket = socket;
        this.timeout = timeout;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.fallback = fallback;
    }

    /** Connects to {@code mllp://host:port}; nothing is sent yet, so any failure here is {@code sent = false}. */
    static MllpClient connect(URI endpoint, Duration timeout, Charset fallback) throws ExchangeFailed {
        if (endpoint.getHost() == null || endpoint.getPort() < 0) {
            throw new IllegalArgumentException("an MLLP endpoint is mllp://host:port, not " + endpoint);
        }
        Socket socket = new Socket();
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), millis);
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true);
            return new MllpClient(socket, fallback, timeout);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ExchangeFailed("cannot connect to " + endpoint + ": " + e, false, e);
        }
    }

    /** Sends {@code message} in {@code charset} and returns the answer, decoded by its own MSH-18. */
    String exchange(String message, Charset charset) throws ExchangeFailed {
        try {
            Mllp.write(out, message.getBytes(charset));
        } catch (IOException e) {
            // The frame did not leave whole: the source discards a frame without its end block.
            throw new ExchangeFailed("sending failed: " + e, false, e);
        }
        try {
            byte[] answer = Mllp.read(in);
            if (answer == null) {
                throw new ExchangeFailed("connection closed before the answer", true, null);
            }
            return new String(answer, Mllp.charsetOf(answer, fallback));
        } catch (SocketTimeoutException e) {
            throw new ExchangeFailed("no answer within " + timeout, true, e);
        } catch (IOException e) {
            throw new ExchangeFailed("answer lost: " + e, true, e);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a broken socket: nothing left to do.
        }
    }
}
