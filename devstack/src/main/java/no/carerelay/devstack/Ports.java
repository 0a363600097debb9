package no.carerelay.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which TCP ports are free, checked by binding them (on all interfaces, as Tomcat does). */
final class Ports {

    private Ports() {
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @throws IllegalStateException naming every port that is taken and what devstack wanted it for */
    static void requireFree(Map<Integer, String> wanted) {
        List<String> taken = new ArrayList<>();
        wanted.forEach((port, purpose) -> {
            if (!isFree(port)) {
                taken.add(port + " (" + purpose + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("port" + (taken.size() > 1 ? "s " : " ") + String.join(", ", taken)
                    + (taken.size() > 1 ? " are" : " is") + " already in use. Stop whatever listens there "
                    + "(ss -ltnp | grep -E ':(" + String.join("|", wanted.keySet().stream().map(String::valueOf).toList())
                    + ")\\b' shows it) and try again.");
        }
    }

    static int preferredOrFree(int preferred) throws IOException {
        if (isFree(preferred)) {
            return preferred;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port nobody listens on now (the OS's choice). */
    static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
