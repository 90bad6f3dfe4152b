package org.condenser.driver.daq.internal.merlin;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The Merlin control channel: {@code MPX,<length>,SET|GET|CMD,NAME[,value]}, answered with the same
 * words and a code (0 OK, 1 busy, 2 unrecognised, 3 out of range). A code other than 0 is an
 * IOException naming the command and the code's meaning.
 */
final class MerlinControl implements AutoCloseable {

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    MerlinControl(String host, int port, int timeoutMillis) throws IOException {
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void set(String name, Object value) throws IOException {
        call("SET," + name + "," + value);
    }

    String get(String name) throws IOException {
        String[] answer = call("GET," + name); // GET,NAME,value,code
        return answer.length >= 4 ? answer[2] : "";
    }

    void command(String name) throws IOException {
        call("CMD," + name);
    }

    private synchronized String[] call(String request) throws IOException {
        byte[] body = request.getBytes(StandardCharsets.US_ASCII);
        out.write(MerlinMessages.prefix(body.length));
        out.write(body);
        out.flush();
        byte[] prefix = new byte[MerlinMessages.PREFIX];
        in.readFully(prefix);
        byte[] reply = new byte[MerlinMessages.length(prefix)];
        in.readFully(reply);
        String[] fields = new String(reply, StandardCharsets.US_ASCII).strip().split(",");
        String code = fields[fields.length - 1];
        if (!code.equals("0")) {
            throw new IOException("the Merlin refused " + request + ": " + switch (code) {
                case "1" -> "busy";
                case "2" -> "unrecognised command";
                case "3" -> "value out of range";
                default -> "code " + code;
            });
        }
        return fields;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
