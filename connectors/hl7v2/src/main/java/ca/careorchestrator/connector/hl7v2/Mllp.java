package ca.careorchestrator.connector.hl7v2;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * MLLP framing (HL7 v2 Minimal Lower Layer Protocol): {@code <VT> message <FS><CR>}. Written here rather
 * than with HAPI's llp classes so that a frame cut by a reset is told apart from a clean end of stream.
 */
final class Mllp {

    static final int START = 0x0B;
    static final int END = 0x1C;
    static final int CR = 0x0D;
    /** A message larger than this is a broken stream, not a schedule. */
    static final int MAX_FRAME = 16 * 1024 * 1024;

    private Mllp() {
    }

    static void write(OutputStream out, byte[] payload) throws IOException {
        byte[] frame = new byte[payload.length + 3];
        frame[0] = START;
        System.arraycopy(payload, 0, frame, 1, payload.length);
        frame[payload.length + 1] = END;
        frame[payload.length + 2] = CR;
        out.write(frame);
        out.flush();
    }

    /**
     * The next frame's payload, or null when the peer closed the connection between frames. Bytes before a
     * start block are skipped (some senders put a newline between frames).
     *
     * @throws EOFException when the stream ends inside a frame (the peer reset or died mid-message)
     */
    static byte[] read(InputStream in) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
        } while (b != START);
        ByteArrayOutputStream payload = new ByteArrayOutputStream(1024);
        while (true) {
            b = in.read();
            if (b < 0) {
                throw new EOFException("stream ended inside an MLLP frame after " + payload.size() + " bytes");
            }
            if (b == END) {
                int next = in.read();
                if (next == CR) {
                    return payload.toByteArray();
                }
                if (next < 0) {
                    throw new EOFException("stream ended after an MLLP end block without its CR");
                }
                throw new IOException("MLLP end block followed by 0x" + Integer.toHexString(next) + ", not CR");
            }
            payload.write(b);
            if (payload.size() > MAX_FRAME) {
                throw new IOException("MLLP frame larger than " + MAX_FRAME + " bytes");
            }
        }
    }

    /**
     * The charset a message says it is in (MSH-18, first repetition), else {@code fallback}. MSH is read as
     * ISO-8859-1, which maps bytes one to one, so the ASCII header reads right whatever the body's charset.
     */
    static Charset charsetOf(byte[] payload, Charset fallback) {
        int end = 0;
        while (end < payload.length && payload[end] != '\r' && payload[end] != '\n') {
            end++;
        }
        String msh = new String(payload, 0, end, StandardCharsets.ISO_8859_1);
        if (!msh.startsWith("MSH") || msh.length() < 8) {
            return fallback;
        }
        String[] fields = msh.split(java.util.regex.Pattern.quote(String.valueOf(msh.charAt(3))), -1);
        if (fields.length < 18) {
            return fallback;
        }
        String declared = fields[17].split(java.util.regex.Pattern.quote(String.valueOf(msh.charAt(5))), -1)[0]
                .strip().toUpperCase(Locale.ROOT);
        return switch (declared) {
            case "UNICODE UTF-8", "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            case "8859/1", "ISO-8859-1", "ISO8859-1", "LATIN1" -> StandardCharsets.ISO_8859_1;
            case "8859/15" -> Charset.forName("ISO-8859-15");
            case "ASCII", "US-ASCII" -> StandardCharsets.US_ASCII;
            default -> fallback;
        };
    }
}
