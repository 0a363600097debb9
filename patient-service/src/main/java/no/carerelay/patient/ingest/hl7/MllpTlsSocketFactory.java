package no.carerelay.patient.ingest.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import ca.uhn.hl7v2.util.StandardSocketFactory;

/**
 * HAPI's socket factory with TLS from a key store of our own, instead of the JVM-wide {@code javax.net.ssl.*}
 * system properties HAPI's default TLS server socket reads. TLS 1.2 and 1.3 only.
 */
final class MllpTlsSocketFactory extends StandardSocketFactory {

    private final SSLContext tls;

    MllpTlsSocketFactory(Path keyStore, char[] password, String type) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
        } catch (IOException | GeneralSecurityException e) {
            // the path is configuration, not a secret; the password never appears
            throw new IllegalStateException("carerelay.patient.mllp.tls: cannot load the key store " + keyStore + " (" + type + "): "
                    + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public ServerSocket createTlsServerSocket() throws IOException {
        SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return socket;
    }
}
