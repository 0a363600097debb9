package no.carerelay.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain MLLP client (start block 0x0B, message, end block 0x1C 0x0D) over one TCP connection, as hospital
 * integration engines send. Raw bytes, so tests can send what no HL7 library would produce.
 */
public final class MllpClient implements AutoCloseable {

    private static final int START = 0x0B;
    private static final int END = 0x1C;
    private static final int CR = 0x0D;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpClient(String host, int port, Duration timeout) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("no MLLP listener at " + host + ":" + port, e);
        }
    }

    /** Over a socket the caller connected, e.g. an {@code SSLSocket} for MLLP over TLS. */
    public MllpClient(Socket connected, Duration timeout) {
        try {
            socket = connected;
            socket.setSoTimeout((int) timeout.toMillis());
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("MLLP socket unusable", e);
        }
    }

    /** Sends one message (segments separated by {@code \r}) and returns the ACK's text. */
    public String send(String message) {
        return sendBytes(message.getBytes(StandardCharsets.UTF_8));
    }

    public String sendBytes(byte[] message) {
        try {
            out.write(START);
            out.write(message);
            out.write(END);
            out.write(CR);
            out.flush();
            return readFrame();
        } catch (IOException e) {
            throw new UncheckedIOException("MLLP exchange failed", e);
        }
    }

    private String readFrame() throws IOException {
        int b = in.read();
        while (b != START) {
            if (b == -1) {
                throw new IOException("connection closed before an ACK arrived");
            }
            b = in.read();
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        while ((b = in.read()) != END) {
            if (b == -1) {
                throw new IOException("connection closed inside an MLLP frame");
            }
            frame.write(b);
        }
        in.read(); // the trailing CR
        return frame.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test connection
        }
    }

    /** A TCP port that was free a moment ago, for servers that cannot report the port they bound. */
    public static int freePort() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
