package org.supportbot.operator;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.supportbot.edge.ClientAddresses;
import org.supportbot.handoff.Operators;

/**
 * Who may use the operator surfaces: operators with a password ({@code supportbot.operators.accounts.*.password},
 * {@code SUPPORTBOT_ADMIN_PASSWORD}); the editors' API ({@code /api/editor/**}) only for editors
 * ({@code editor=true}) and admins.
 *
 * <ul>
 *   <li>The console ({@code /operator/**}) signs in with a form and keeps a session (idle timeout
 *       {@code server.servlet.session.timeout}); its calls to the API ride on that session and
 *       carry a CSRF token (cookie {@code XSRF-TOKEN}, echoed in the {@code X-XSRF-TOKEN} header).
 *   <li>Integrations call {@code /api/operator/**} and {@code /api/editor/**} with HTTP Basic, statelessly; a request that
 *       carries its credentials in a header cannot be forged cross-site, so it needs no CSRF token.
 *   <li>The actuator's endpoints other than {@code health} (metrics, info) are for admins, with HTTP Basic.
 *   <li>Everything customers and platforms use (web chat, webhooks, the parse API, health)
 *       stays open: those endpoints check their own secrets, and the edge limits them.
 *   <li>Failed sign-ins, by form or Basic, are counted per client address ({@link SignInThrottle}):
 *       too many and that address gets 429 for a while, before any password is checked.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SignInLimits.class)
class OperatorSecurity {

    static final String LOGIN = "/operator/login";
    /** The editors' API (the curation module): editors and admins only. */
    static final String EDITOR_API = "/api/editor/**";

    @Bean
    SignInThrottle signInThrottle(SignInLimits limits, Clock clock) {
        return new SignInThrottle(limits, clock);
    }

    /** Metrics and the rest of the actuator: admins only, by HTTP Basic (what a Prometheus scraper sends); health stays open for probes. */
    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http, SignInThrottle throttle, ClientAddresses addresses) throws Exception {
        var gate = new SignInGate(throttle, addresses);
        http.securityMatcher("/actuator", "/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .addFilterBefore(gate, BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(gate.counting(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED))))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** Integrations: HTTP Basic on the API, one request at a time, no session, no cookie to forge with. */
    @Bean
    @Order(1)
    SecurityFilterChain operatorApiWithBasic(HttpSecurity http, SignInThrottle throttle, ClientAddresses addresses) throws Exception {
        var gate = new SignInGate(throttle, addresses);
        var api = PathPatternRequestMatcher.withDefaults().matcher("/api/operator/**");
        var editorApi = PathPatternRequestMatcher.withDefaults().matcher(EDITOR_API);
        http.securityMatcher(request -> (api.matches(request) || editorApi.matches(request)) && carriesCredentials(request))
                .authorizeHttpRequests(requests -> requests
                        // The event stream's async dispatches and error pages run after the request was authorised.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(EDITOR_API).hasRole("EDITOR")
                        .anyRequest().hasRole("OPERATOR"))
                .addFilterBefore(gate, BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(gate.counting(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED))))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** The console: a sign-in form, a session, and a CSRF token on every change. */
    @Bean
    @Order(2)
    SecurityFilterChain operatorConsole(HttpSecurity http, SignInThrottle throttle, ClientAddresses addresses) throws Exception {
        var gate = new SignInGate(throttle, addresses);
        var api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        http.securityMatcher("/operator", "/operator/**", "/api/operator/**", EDITOR_API)
                .authorizeHttpRequests(requests -> requests
                        // The event stream's async dispatches and error pages run after the request was authorised.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(LOGIN, "/operator/console.css", "/operator/i18n.js", "/operator/login.js",
                                "/operator/favicon.svg").permitAll()
                        .requestMatchers(EDITOR_API, "/operator/editor", "/operator/editor.html", "/operator/editor.js").hasRole("EDITOR")
                        .anyRequest().hasRole("OPERATOR"))
                .addFilterBefore(gate, UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage(LOGIN).defaultSuccessUrl("/operator", false)
                        .failureHandler(gate.counting(new SimpleUrlAuthenticationFailureHandler(LOGIN + "?error"))))
                .logout(logout -> logout.logoutUrl("/operator/logout").logoutSuccessUrl(LOGIN + "?logout"))
                .exceptionHandling(errors -> errors
                        // The API answers 401 (no WWW-Authenticate, so no browser password pop-up); pages go to the login form.
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN), request -> true))
                .requestCache(cache -> cache.requestCache(pagesOnly(api)))
                .sessionManagement(session -> session
                        .sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .csrf(csrf -> csrf.spa())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                // Scripts and styles only from our own files: injected markup cannot run or call out.
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** Remembers a page asked for before signing in (to return to it), never an API call: those just answer 401. */
    private static HttpSessionRequestCache pagesOnly(RequestMatcher api) {
        var cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(new NegatedRequestMatcher(api));
        return cache;
    }

    /**
     * Credentials in a header: a browser adds those to a forged cross-site request only if the
     * user typed them into a password prompt for this site, and these endpoints never ask for one.
     */
    private static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable()) // no sessions or cookies here: webhooks and the chat API carry their own checks
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService operatorAccounts(Operators operators) {
        return username -> {
            var operator = operators.find(username).filter(o -> o.passwordHash() != null)
                    .orElseThrow(() -> new UsernameNotFoundException("no operator account '" + username + "'"));
            var authorities = new ArrayList<SimpleGrantedAuthority>();
            authorities.add(new SimpleGrantedAuthority("ROLE_OPERATOR"));
            if (operator.admin()) {
                authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
            }
            if (operator.editor()) {
                authorities.add(new SimpleGrantedAuthority("ROLE_EDITOR"));
            }
            return User.withUsername(operator.login()).password(operator.passwordHash()).authorities(authorities).build();
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
