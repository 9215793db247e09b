package ru.getmark.support.common.dialog;

import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.TicketType;

import java.util.List;

/**
 * Everything the engine remembers about one chat, between inputs. Plain records without cycles: the adapter stores
 * it as JSON ({@code Json.MAPPER}) and a restart or another replica continues exactly where the chat was. Every
 * field may be absent in the JSON (older state); the compact constructors fill the defaults.
 *
 * @param step      where the dialogue is
 * @param draft     the new request being assembled (empty outside a dialogue)
 * @param profile   ИНН, email and name of the last request, offered again on the next one
 * @param pending   a message typed outside a dialogue, waiting for "which ticket is it for?"; null when none
 * @param answering the ticket whose information request (or rejected solution) the next text answers; null when none
 * @param editing   true while a field is changed from the summary: the step returns to the summary when done
 */
public record DialogueState(Step step, Draft draft, Profile profile, Pending pending, String answering,
                            boolean editing) {

    /** The steps of the guided dialogue. */
    public enum Step {
        /** No dialogue: commands, notice buttons, free messages (follow-ups). */
        IDLE,
        INN, EMAIL, NAME, TYPE, PROCESS, DESCRIPTION, IMPACT, ATTACHMENTS,
        /** The summary, to send or change. */
        SUMMARY,
        /** Which field to change. */
        EDIT,
        /** A message outside a dialogue: which ticket is it for, or a new request? */
        PENDING
    }

    public DialogueState {
        step = step == null ? Step.IDLE : step;
        draft = draft == null ? Draft.EMPTY : draft;
        profile = profile == null ? Profile.EMPTY : profile;
    }

    /** A chat that never talked to the bot. */
    public static DialogueState initial() {
        return new DialogueState(Step.IDLE, Draft.EMPTY, Profile.EMPTY, null, null, false);
    }

    DialogueState withStep(Step newStep) {
        return new DialogueState(newStep, draft, profile, pending, answering, editing);
    }

    DialogueState withDraft(Draft newDraft) {
        return new DialogueState(step, newDraft, profile, pending, answering, editing);
    }

    DialogueState withProfile(Profile newProfile) {
        return new DialogueState(step, draft, newProfile, pending, answering, editing);
    }

    DialogueState withPending(Pending newPending) {
        return new DialogueState(step, draft, profile, newPending, answering, editing);
    }

    DialogueState withAnswering(String ticket) {
        return new DialogueState(step, draft, profile, pending, ticket, editing);
    }

    DialogueState withEditing(boolean newEditing) {
        return new DialogueState(step, draft, profile, pending, answering, newEditing);
    }

    /**
     * The new request being assembled.
     *
     * @param emailAsked true once the email step was passed (an email of null then means "skipped")
     */
    public record Draft(String inn, String email, boolean emailAsked, String name, TicketType type, String process,
                        String description, Impact impact, List<AttachmentRef> attachments) {

        public static final Draft EMPTY = new Draft(null, null, false, null, null, null, null, null, List.of());

        public Draft {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }

        Draft withInn(String v) {
            return new Draft(v, email, emailAsked, name, type, process, description, impact, attachments);
        }

        Draft withEmail(String v) {
            return new Draft(inn, v, true, name, type, process, description, impact, attachments);
        }

        Draft withName(String v) {
            return new Draft(inn, email, emailAsked, v, type, process, description, impact, attachments);
        }

        Draft withType(TicketType v) {
            return new Draft(inn, email, emailAsked, name, v, process, description, impact, attachments);
        }

        Draft withProcess(String v) {
            return new Draft(inn, email, emailAsked, name, type, v, description, impact, attachments);
        }

        Draft withDescription(String v) {
            return new Draft(inn, email, emailAsked, name, type, process, v, impact, attachments);
        }

        Draft withImpact(Impact v) {
            return new Draft(inn, email, emailAsked, name, type, process, description, v, attachments);
        }

        Draft withAttachments(List<AttachmentRef> v) {
            return new Draft(inn, email, emailAsked, name, type, process, description, impact, v);
        }
    }

    /** What the customer gave on the last request, offered again («Использовать …» / «Изменить»). */
    public record Profile(String inn, String email, String name) {
        public static final Profile EMPTY = new Profile(null, null, null);
    }

    /**
     * A message typed outside a dialogue, kept until the customer says where it belongs.
     *
     * @param text        the text, may be null (a file alone)
     * @param attachments files sent with it
     */
    public record Pending(String text, List<AttachmentRef> attachments) {
        public Pending {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }
    }
}
