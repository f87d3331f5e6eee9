"""The AI interview assistant: a conversation per application, answered by a chosen provider."""
