package org.supportbot.handoff;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({OperatorProperties.class, HandoffProperties.class, HoursProperties.class})
class HandoffConfiguration {

    @Bean
    WorkingHours workingHours(HoursProperties hours) {
        return hours.schedule().isBlank() && hours.holidays().isBlank()
                ? WorkingHours.always()
                : WorkingHours.parse(hours.schedule(), hours.zone(), hours.holidays());
    }
}
