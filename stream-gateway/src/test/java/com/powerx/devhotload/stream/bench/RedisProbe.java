package com.powerx.devhotload.stream.bench;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Counts the gateway tails' Redis connections ({@code CLIENT LIST}) over a bare RESP socket. */
final class RedisProbe {

    private RedisProbe() {
    }

    static long tailConnections(String redisUri) {
        if (redisUri == null || redisUri.isBlank()) {
            return -1;
        }
        URI uri = URI.create(redisUri);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write("CLIENT LIST\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String header = readLine(in); // $<length>
            int length = Integer.parseInt(header.substring(1));
            String list = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return list.lines().filter(l -> l.contains("name=px-stream-tail")).count();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Redis's own cost of the append script: {@code cmdstat_evalsha} of {@code INFO commandstats}. */
    static String scriptCost(String redisUri) {
        if (redisUri == null || redisUri.isBlank()) {
            return "n/a";
        }
        URI uri = URI.create(redisUri);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write("INFO commandstats\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            int length = Integer.parseInt(readLine(in).substring(1));
            String info = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return info.lines().filter(l -> l.startsWith("cmdstat_evalsha:")).findFirst().orElse("n/a");
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') out.write(b);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
