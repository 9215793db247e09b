package ru.getmark.support.email.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import ru.getmark.support.common.process.ProcessDirectory;
import ru.getmark.support.email.domain.EmailParser;
import ru.getmark.support.email.domain.EmailTriage;
import ru.getmark.support.email.domain.TriageRules;
import ru.getmark.support.email.service.Addresses;
import ru.getmark.support.email.service.ReplyPolicy;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Makes the plain-Java domain (parser, triage) beans, with the rules from configuration: our own addresses (the
 * From, the mailbox login, {@code getmark.email.own-addresses}), our Message-ID domain (the From's), the size limits.
 */
public class TriageProducer {

    @Produces
    @Singleton
    TriageRules rules(MailConfig mail, EmailIntakeConfig config) {
        return new TriageRules(Set.copyOf(ownAddresses(mail, config)), Addresses.domain(mail.from()),
                config.maxAttachmentSize().asLongValue(), config.maxMessageSize().asLongValue(),
                config.maxAttachments());
    }

    @Produces
    @Singleton
    EmailParser parser() {
        return new EmailParser();
    }

    @Produces
    @Singleton
    EmailTriage triage(TriageRules rules) {
        return new EmailTriage(rules, ProcessDirectory.builtIn());
    }

    @Produces
    @Singleton
    ReplyPolicy replyPolicy(TriageRules rules) {
        return new ReplyPolicy(rules.ownAddresses());
    }

    static Set<String> ownAddresses(MailConfig mail, EmailIntakeConfig config) {
        Set<String> own = new LinkedHashSet<>();
        own.add(Addresses.normalise(mail.from()));
        if (mail.imap().username().contains("@")) {
            own.add(Addresses.normalise(mail.imap().username()));
        }
        config.ownAddresses().ifPresent(list -> list.stream().filter(a -> a != null && !a.isBlank())
                .map(Addresses::normalise).forEach(own::add));
        return own;
    }
}
