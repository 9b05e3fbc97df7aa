package com.powerx.devhotload.stream.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An SSE client on a bare socket with a tiny receive buffer, for the slow-reader case: it can stop reading at any
 * point (a stalled browser tab) and later read the rest, decoding HTTP/1.1 chunked encoding itself.
 */
public final class RawSseSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final String statusLine;

    private RawSseSocket(Socket socket, String statusLine) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.statusLine = statusLine;
    }

    public static RawSseSocket open(URL base, String pathAndQuery, Map<String, String> headers) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect, so the advertised window stays small
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        socket.setSoTimeout(30_000);
        StringBuilder request = new StringBuilder("GET /" + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Accept: text/event-stream\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String status = readLine(socket.getInputStream());
        while (!readLine(socket.getInputStream()).isEmpty()) {
            // skip response headers
        }
        return new RawSseSocket(socket, status);
    }

    public String statusLine() {
        return statusLine;
    }

    /** Reads the rest of the chunked body (until the terminating chunk) and parses it into frames. */
    public List<SseFrame> readToEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                readLine(in);
                break;
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
        List<SseFrame> frames = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String line : body.toString(StandardCharsets.UTF_8).split("\n", -1)) {
            if (!line.isEmpty()) {
                lines.add(line);
            } else if (!lines.isEmpty()) {
                frames.add(SseClient.parse(lines));
                lines = new ArrayList<>();
            }
        }
        return frames;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("connection closed");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
