/**
 * How the service is doing: the support report behind the operator dashboard (conversations,
 * self-service and escalation rates, response and handling times, satisfaction, volume per intent,
 * what the bot could not answer) and the same figures as Prometheus metrics.
 */
@NullMarked
package org.supportbot.analytics;

import org.jspecify.annotations.NullMarked;
