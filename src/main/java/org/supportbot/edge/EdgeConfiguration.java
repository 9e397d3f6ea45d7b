package org.supportbot.edge;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The edge's filters, first in line: before Spring Security, so a flood or a huge body costs no
 * more than a look at the headers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(EdgeProperties.class)
class EdgeConfiguration {

    @Bean
    ClientAddresses clientAddresses(EdgeProperties properties) {
        return new ClientAddresses(properties.behindProxy());
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(EdgeProperties properties, ClientAddresses addresses, Clock clock) {
        var registration = new FilterRegistrationBean<>(new RateLimitFilter(new InboundLimits(properties, clock), addresses));
        registration.setEnabled(properties.enabled());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(EdgeProperties properties) {
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(properties.maxBody().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
