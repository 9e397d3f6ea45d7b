package org.supportbot.operator;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.supportbot.privacy.CustomerData;

/**
 * A customer's rights while the bot runs, for admins only:
 * <ul>
 *   <li>{@code DELETE /api/operator/customers/{customer}}: erases them ({@code telegram:4242}, a verified
 *       phone or e-mail); their open ticket is cancelled first and its operator told. 200 with
 *       {@code {"conversations", "removed", "anonymised"}}; 404 when nothing is stored about them.
 *   <li>{@code GET /api/operator/customers/{customer}/export}: everything kept about them, as JSON.
 * </ul>
 * 403 for operators who are not admins, 400 for a subject that is no conversation, phone or e-mail.
 */
@RestController
@RequestMapping("/api/operator/customers")
class CustomerDataController {

    private final CustomerData customers;

    CustomerDataController(CustomerData customers) {
        this.customers = customers;
    }

    @DeleteMapping("/{customer}")
    ResponseEntity<Map<String, Object>> erase(@PathVariable String customer, Authentication who) {
        requireAdmin(who);
        var erasure = customers.erase(customer, who.getName());
        if (!erasure.found()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found", "message", "Nothing is stored about this customer"));
        }
        return ResponseEntity.ok(Map.of("conversations", erasure.conversations(), "removed", erasure.removed(), "anonymised", erasure.anonymised()));
    }

    @GetMapping(path = "/{customer}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    String export(@PathVariable String customer, Authentication who) {
        requireAdmin(who);
        return customers.export(customer, who.getName());
    }

    private static void requireAdmin(Authentication who) {
        if (who.getAuthorities().stream().noneMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()))) {
            throw new NotAdmin();
        }
    }

    /** The caller is an operator, not an admin. */
    private static final class NotAdmin extends RuntimeException {
        NotAdmin() {
            super("Only an admin may erase or export a customer's data", null, false, false);
        }
    }

    @ExceptionHandler(NotAdmin.class)
    ResponseEntity<Map<String, String>> forbidden(NotAdmin e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "not_allowed", "message", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid", "message", String.valueOf(e.getMessage())));
    }
}
