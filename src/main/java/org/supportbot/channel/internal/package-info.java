/** What the channels share that is no one else's business: a log that a flood of refused requests cannot fill. */
@NullMarked
package org.supportbot.channel.internal;

import org.jspecify.annotations.NullMarked;
