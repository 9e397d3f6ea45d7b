package org.supportbot.operator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling ({@code supportbot.limits.sign-in.*}): {@code failures} failed sign-ins from
 * one address within {@code window} close sign-in to that address for {@code coolDown}.
 */
@ConfigurationProperties("supportbot.limits.sign-in")
record SignInLimits(@DefaultValue("10") int failures, @DefaultValue("10m") Duration window, @DefaultValue("10m") Duration coolDown) {

    SignInLimits {
        if (failures <= 0) {
            throw new IllegalArgumentException("supportbot.limits.sign-in.failures must be positive, got " + failures);
        }
        if (window.isNegative() || window.isZero() || coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("supportbot.limits.sign-in.window and cool-down must be positive, got "
                    + window + " and " + coolDown);
        }
    }
}
