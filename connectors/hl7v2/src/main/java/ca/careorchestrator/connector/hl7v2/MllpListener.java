package ca.careorchestrator.connector.hl7v2;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The push side's socket: accepts MLLP connections and answers each frame with what {@code handler} returns,
 * one frame at a time per connection (original mode: the sender waits for our ACK). The accept loop and one
 * virtual thread per connection are the only threads a connector owns.
 */
final class MllpListener implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MllpListener.class.getName());

    private final ServerSocket server;
    private final UnaryOperator<byte[]> handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private MllpListener(ServerSocket server, UnaryOperator<byte[]> handler) {
        this.server = server;
        this.handler = handler;
    }

    static MllpListener start(InetAddress host, int port, UnaryOperator<byte[]> handler) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(host, port), 50);
        MllpListener listener = new MllpListener(server, handler);
        Thread.ofVirtual().name("mllp-accept-" + server.getLocalPort()).start(listener::accept);
        return listener;
    }

    int port() {
        return server.getLocalPort();
    }

    InetAddress host() {
        return server.getInetAddress();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().name("mllp-" + socket.getPort()).start(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "MLLP accept failed on port " + port(), e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            byte[] frame;
            while ((frame = Mllp.read(in)) != null) {
                Mllp.write(out, handler.apply(frame));
            }
        } catch (SocketException e) {
            // Reset or closed by the peer (or by close()): what was not ACKed will be resent by the sender.
            LOG.log(System.Logger.Level.DEBUG, "MLLP connection ended", e);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "MLLP connection dropped mid-frame", e);
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing MLLP listener", e);
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing MLLP connection", e);
            }
        }
    }
}
