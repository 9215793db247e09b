package ru.getmark.support.adapter.chat;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import ru.getmark.support.common.dialog.ChatDialogue;
import ru.getmark.support.common.process.ProcessDirectory;

/** The shared dialogue engine of the chat channels (common), with the built-in directory of GetMark processes. */
@Singleton
@IfBuildProperty(name = ChatBeans.ENABLED, stringValue = "true")
public class ChatDialogueProducer {

    @Produces
    @Singleton
    ChatDialogue dialogue() {
        return new ChatDialogue(ProcessDirectory.builtIn());
    }
}
