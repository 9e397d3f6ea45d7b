package org.supportbot.channel.vk;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The VK channel's settings, API client and rate limit; on only with a community token and id. */
@Configuration(proxyBeanMethods = false)
@Conditional(VkEnabled.class)
class VkConfiguration {

    @Bean
    VkSettings vkSettings(
            @Value("${" + VkEnabled.TOKEN_PROPERTY + "}") String token,
            @Value("${" + VkEnabled.GROUP_PROPERTY + "}") String groupId,
            @Value("${supportbot.vk.api-url:}") String apiUrl,
            @Value("${supportbot.vk.mode:}") String mode,
            @Value("${supportbot.vk.confirmation-code:}") String confirmationCode,
            @Value("${supportbot.vk.secret:}") String secret,
            @Value("${supportbot.vk.poll-wait:25s}") Duration pollWait,
            @Value("${supportbot.vk.lease:60s}") Duration lease) {
        return new VkSettings(token.strip(), groupId(groupId),
                URI.create(apiUrl.isBlank() ? VkSettings.DEFAULT_API_URL : apiUrl.strip()),
                VkSettings.Mode.parse(mode),
                confirmationCode.isBlank() ? null : confirmationCode.strip(),
                secret.isBlank() ? null : secret.strip(),
                pollWait, lease);
    }

    private static long groupId(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("VK_GROUP_ID must be the community's numeric id like 229876543, got '" + value + "'");
        }
    }

    @Bean
    VkRateLimiter vkRateLimiter(Clock clock,
            @Value("${supportbot.vk.calls-per-second:18}") double callsPerSecond) {
        return VkRateLimiter.communityToken(clock, callsPerSecond);
    }

    @Bean
    VkApi vkApi(VkSettings settings, VkRateLimiter limiter) {
        return new VkApi(settings, limiter);
    }
}
