package org.supportbot.conversation;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.supportbot.store.Expiry;

/**
 * Customers' and operators' files ({@code attachments}, {@code attachment_chunks}) are kept as long
 * as the transcripts they belong to ({@code supportbot.privacy.retention.transcripts}, 90 days;
 * {@code 0} keeps them for ever), removed by the hourly housekeeping job. A ticket kept longer than
 * that then shows the file as no longer available.
 */
@Component
class AttachmentExpiry implements Expiry {

    private static final Logger log = LoggerFactory.getLogger(AttachmentExpiry.class);

    private final AttachmentStore attachments;
    private final Duration keep;

    AttachmentExpiry(AttachmentStore attachments, @Value("${supportbot.privacy.retention.transcripts:90d}") Duration keep) {
        this.attachments = attachments;
        this.keep = keep;
    }

    @Override
    public long expire(Instant now) {
        if (keep.isZero() || keep.isNegative()) {
            return 0; // a negative period is refused at startup by the privacy module's Retention
        }
        long removed = attachments.removeOlderThan(now.minus(keep));
        if (removed > 0) {
            log.info("Retention removed {} attachment documents older than {}", removed, keep);
        }
        return removed;
    }
}
