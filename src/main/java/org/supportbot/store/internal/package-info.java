/** Spring Boot integration of the store that Boot must be able to instantiate. */
@NullMarked
package org.supportbot.store.internal;

import org.jspecify.annotations.NullMarked;
