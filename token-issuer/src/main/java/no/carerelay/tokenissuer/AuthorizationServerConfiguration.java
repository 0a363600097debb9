package no.carerelay.tokenissuer;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Spring Authorization Server with the client_credentials grant only: {@code POST /oauth2/token} with a demo
 * client's id and the shared secret (HTTP Basic) answers an RS256 access token whose claims the CareRelay
 * services read ({@code roles}, {@code kommunenummer}, {@code org}, {@code aud}). The signing key is made at
 * start-up and lives only in memory: restarting the issuer invalidates its tokens, which is what a developer wants.
 */
@Configuration
class AuthorizationServerConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> http.securityMatcher(server.getEndpointsMatcher()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** Everything else: the probes, and nothing more. */
    @Bean
    @Order(2)
    SecurityFilterChain probes(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .anyRequest().denyAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    RegisteredClientRepository demoClientRepository(DemoClients demo) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<RegisteredClient> clients = demo.clients().keySet().stream()
                .map(id -> RegisteredClient.withId(UUID.nameUUIDFromBytes(id.getBytes()).toString())
                        .clientId(id)
                        .clientSecret(encoder.encode(demo.clientSecret())) // salted per client: the server wants no two alike
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(demo.tokenLifetime()).build())
                        .build())
                .toList();
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> carerelayClaims(DemoClients demo) {
        return context -> {
            DemoClients.Client client = demo.clients().get(context.getRegisteredClient().getClientId());
            if (client == null) {
                return;
            }
            context.getClaims().audience(List.of(demo.audience())).claim("roles", client.roles());
            if (client.kommunenummer() != null && !client.kommunenummer().isBlank()) {
                context.getClaims().claim("kommunenummer", client.kommunenummer());
            }
            if (client.organisation() != null && !client.organisation().isBlank()) {
                context.getClaims().claim("org", client.organisation());
            }
        };
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(DemoClients demo) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (demo.issuer() != null && !demo.issuer().isBlank()) {
            settings.issuer(demo.issuer());
        }
        return settings.build();
    }

    @Bean
    JWKSource<SecurityContext> signingKeys() {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no RSA key pair generator in this JVM", e);
        }
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString()).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }
}
