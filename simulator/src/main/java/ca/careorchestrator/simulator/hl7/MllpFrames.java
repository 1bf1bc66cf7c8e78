package ca.careorchestrator.simulator.hl7;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * MLLP framing on the vendor's side ({@code <VT> message <FS><CR>}). Deliberately not shared with the connector:
 * the simulator stands for someone else's interface engine, so a framing bug on our side cannot hide itself.
 */
final class MllpFrames {

    private static final int START = 0x0B;
    private static final int END = 0x1C;
    private static final int CR = 0x0D;

    private MllpFrames() {
    }

    static byte[] frame(byte[] payload) {
        byte[] frame = new byte[payload.length + 3];
        frame[0] = START;
        System.arraycopy(payload, 0, frame, 1, payload.length);
        frame[payload.length + 1] = END;
        frame[payload.length + 2] = CR;
        return frame;
    }

    static void write(OutputStream out, byte[] payload) throws IOException {
        out.write(frame(payload));
        out.flush();
    }

    /** The next payload, or null at a clean end of stream. */
    static byte[] read(InputStream in) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
        } while (b != START);
        ByteArrayOutputStream payload = new ByteArrayOutputStream(512);
        while ((b = in.read()) != END) {
            if (b < 0) {
                throw new EOFException("stream ended inside a frame");
            }
            payload.write(b);
        }
        if (in.read() != CR) {
            throw new IOException("frame end block without CR");
        }
        return payload.toByteArray();
    }

    /** MSH-18 of a payload (read as ISO-8859-1, which is safe for the ASCII header), else UTF-8. */
    static Charset charsetOf(byte[] payload) {
        String head = new String(payload, 0, Math.min(payload.length, 512), StandardCharsets.ISO_8859_1);
        int end = head.indexOf('\r');
        String msh = end < 0 ? head : head.substring(0, end);
        if (!msh.startsWith("MSH") || msh.length() < 4) {
            return StandardCharsets.UTF_8;
        }
        String[] fields = msh.split(Pattern.quote(msh.substring(3, 4)), -1);
        String declared = fields.length > 17 ? fields[17].strip().toUpperCase(Locale.ROOT) : "";
        return declared.equals("8859/1") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    }
}
