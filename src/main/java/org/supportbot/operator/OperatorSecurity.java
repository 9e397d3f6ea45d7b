package org.supportbot.operator;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
import org.supportbot.handoff.Operators;

/**
 * Who may use the operator surfaces: operators with a password ({@code supportbot.operators.accounts.*.password},
 * {@code SUPPORTBOT_ADMIN_PASSWORD}), by HTTP Basic on {@code /api/operator/**}; editors and admins on {@code /api/editor/**}. Everything
 * customers and platforms use (web chat, webhooks, the parse API, health) stays open: those
 * endpoints check their own secrets.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OperatorSecurity {

    @Bean
    SecurityFilterChain operatorApi(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/operator/**")
                .authorizeHttpRequests(requests -> requests
                        // The event stream's async dispatches and error pages run after the request was authorised.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().hasRole("OPERATOR"))
                .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless Basic authentication: no cookie a forged cross-site request could ride on.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** The editors' API (the curation module): operators with {@code editor=true}, and admins. */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain editorApi(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/editor/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("EDITOR"))
                .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()); // stateless Basic, as the operator API
        return http.build();
    }

    @Bean
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
