package no.carerelay.resourceserver;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Makes the service an OAuth2 resource server: every request but health, info, the Prometheus scrape and the
 * OpenAPI description needs a valid JWT, and then a role the service's {@link EndpointRule.Rules} names for that
 * method and path; a request no rule names is refused (so a new endpoint without a rule is closed, and the
 * endpoint-coverage tests fail until it gets one). Ordered before Spring Boot's security auto-configuration so that
 * neither its default chain nor its generated user appear.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" })
@EnableConfigurationProperties(ResourceServerProperties.class)
public class ResourceServerAutoConfiguration {

    /** Reachable without a token: probes, the scrape (network policy guards it), the API description, error dispatch. */
    static final String[] PUBLIC_PATHS = { "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/error" };

    @Bean
    JwtDecoder carerelayJwtDecoder(ResourceServerProperties properties) {
        // RS256 and ES256 only: alg=none and HMAC tokens (signed with a guessable shared secret) never verify.
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                values -> values != null && values.contains(properties.audience()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()), audience, new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null),
                new CallerClaims()));
        return decoder;
    }

    @Bean
    DenialHandlers carerelayDenialHandlers(ObjectProvider<DenialListener> listeners, ObjectProvider<MeterRegistry> meters) {
        return new DenialHandlers(listeners.orderedStream().toList(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    SecurityFilterChain carerelaySecurityFilterChain(HttpSecurity http, EndpointRule.Rules rules, JwtDecoder decoder,
            DenialHandlers denials) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(PUBLIC_PATHS).permitAll();
                    for (EndpointRule rule : rules.rules()) {
                        requests.requestMatchers(rule.method(), rule.pattern())
                                .hasAnyAuthority(rule.roles().stream().map(Role::authority).toArray(String[]::new));
                    }
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> new JwtAuthenticationToken(token,
                                CallerClaims.roles(token).stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList(),
                                token.getSubject())))
                        .authenticationEntryPoint(denials)
                        .accessDeniedHandler(denials))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(denials).accessDeniedHandler(denials));
        return http.build();
    }

    /** A service whose endpoints and rules disagree does not start: a new endpoint is never silently open or shut. */
    @Bean
    SmartInitializingSingleton carerelayEndpointCoverageCheck(ObjectProvider<RequestMappingHandlerMapping> mappings, EndpointRule.Rules rules) {
        return () -> mappings.orderedStream().filter(mapping -> mapping.getClass() == RequestMappingHandlerMapping.class).forEach(mapping -> {
            List<String> problems = EndpointCoverage.problems(mapping, rules);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("endpoint rules do not match the mapped endpoints:\n  " + String.join("\n  ", problems));
            }
        });
    }

    @Bean
    WebMvcConfigurer carerelayCallerResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
