"""The message catalogue's texts, by topic: each module holds STRINGS, key -> (Vietnamese, English).
lib.present.i18n joins them and looks them up."""
