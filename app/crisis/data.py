"""Crisis helplines by country: the data `seed-crisis-resources` puts in the database.

THE CLINICAL TEAM MUST RE-VERIFY EVERY ENTRY BEFORE EACH RELEASE, against each service's
official site (`source_url`): numbers, text keywords, hours and audiences change, and a wrong
number here can cost a life. Only details we were confident of are filled in; a field we could
not confirm is left as None (shown as null) rather than guessed. When a country's list here
changes, `python -m app.cli seed-crisis-resources` brings the database in line: it adds,
updates, and removes entries no longer listed.

Countries are ISO 3166-1 alpha-2 codes; "INTL" is the list for everyone else. Phone numbers
are written as dialled within the country.
"""

from typing import Any

from app.crisis.models import INTERNATIONAL

EVERYONE = "everyone"

# country -> its services, in the order they are shown. Each entry's keys are the columns of
# CrisisResource except country, position and updated_at.
CRISIS_RESOURCES: dict[str, list[dict[str, Any]]] = {
    INTERNATIONAL: [
        {
            "name": "Find A Helpline",
            "description": "A directory of free, confidential helplines around the world: "
            "search by country and by what you need. If you are in immediate danger, call "
            "your local emergency number now.",
            "url": "https://findahelpline.com",
            "source_url": "https://findahelpline.com",
            "languages": ["en"],
        },
    ],
    "US": [
        {
            "name": "988 Suicide & Crisis Lifeline",
            "description": "Call or text 988, or chat online, to reach a trained crisis "
            "counselor. Free and confidential.",
            "phone": "988",
            "sms": "Text 988",
            "chat_url": "https://988lifeline.org/chat/",
            "url": "https://988lifeline.org",
            "hours": "24/7",
            "languages": ["en", "es"],
            "emergency_number": "911",
            "source_url": "https://988lifeline.org",
        },
        {
            "name": "Crisis Text Line",
            "description": "Text with a trained crisis counselor.",
            "sms": "Text HOME to 741741",
            "url": "https://www.crisistextline.org",
            "hours": "24/7",
            "languages": ["en"],
            "emergency_number": "911",
            "source_url": "https://www.crisistextline.org",
        },
        {
            "name": "The Trevor Project",
            "description": "Crisis support for LGBTQ+ young people.",
            "phone": "1-866-488-7386",
            "sms": "Text START to 678-678",
            "url": "https://www.thetrevorproject.org",
            "hours": "24/7",
            "audience": "LGBTQ+ young people",
            "languages": ["en"],
            "emergency_number": "911",
            "source_url": "https://www.thetrevorproject.org",
        },
    ],
    "GB": [
        {
            "name": "Samaritans",
            "description": "Call free, any time, to talk to someone who will listen.",
            "phone": "116 123",
            "url": "https://www.samaritans.org",
            "hours": "24/7",
            "languages": ["en"],
            "emergency_number": "999",
            "source_url": "https://www.samaritans.org",
        },
        {
            "name": "Shout",
            "description": "Free, confidential text support with a trained volunteer.",
            "sms": "Text SHOUT to 85258",
            "url": "https://giveusashout.org",
            "hours": "24/7",
            "languages": ["en"],
            "emergency_number": "999",
            "source_url": "https://giveusashout.org",
        },
    ],
    "IE": [
        {
            "name": "Samaritans Ireland",
            "description": "Call free, any time, to talk to someone who will listen.",
            "phone": "116 123",
            "url": "https://www.samaritans.org/ireland/",
            "hours": "24/7",
            "languages": ["en"],
            "emergency_number": "112 or 999",
            "source_url": "https://www.samaritans.org/ireland/",
        },
        {
            "name": "Pieta",
            "description": "Support for people thinking about suicide or self-harm, and for "
            "those bereaved by suicide.",
            "phone": "1800 247 247",
            "sms": "Text HELP to 51444",
            "url": "https://www.pieta.ie",
            "hours": "24/7",
            "languages": ["en"],
            "emergency_number": "112 or 999",
            "source_url": "https://www.pieta.ie",
        },
        {
            "name": "50808",
            "description": "Free text support with a trained volunteer.",
            "sms": "Text HELLO to 50808",
            "url": "https://text50808.ie",
            "hours": "24/7",
            "languages": ["en"],
            "emergency_number": "112 or 999",
            "source_url": "https://text50808.ie",
        },
    ],
    "CA": [
        {
            "name": "9-8-8 Suicide Crisis Helpline",
            "description": "Call or text 988 to reach a trained responder, in English or French.",
            "phone": "988",
            "sms": "Text 988",
            "url": "https://988.ca",
            "hours": "24/7",
            "languages": ["en", "fr"],
            "emergency_number": "911",
            "source_url": "https://988.ca",
        },
        {
            "name": "Kids Help Phone",
            "description": "Support for young people, by phone or text.",
            "phone": "1-800-668-6868",
            "sms": "Text CONNECT to 686868",
            "url": "https://kidshelpphone.ca",
            "hours": "24/7",
            "audience": "young people",
            "languages": ["en", "fr"],
            "emergency_number": "911",
            "source_url": "https://kidshelpphone.ca",
        },
    ],
    "AU": [
        {
            "name": "Lifeline",
            "description": "Crisis support and suicide prevention.",
            "phone": "13 11 14",
            "sms": "Text 0477 13 11 14",
            "url": "https://www.lifeline.org.au",
            "hours": "24/7",
            "languages": ["en"],
            "emergency_number": "000",
            "source_url": "https://www.lifeline.org.au",
        },
        {
            "name": "Suicide Call Back Service",
            "description": "Counselling for people affected by suicide.",
            "phone": "1300 659 467",
            "url": "https://www.suicidecallbackservice.org.au",
            "hours": "24/7",
            "languages": ["en"],
            "emergency_number": "000",
            "source_url": "https://www.suicidecallbackservice.org.au",
        },
        {
            "name": "Kids Helpline",
            "description": "Counselling for young people aged 5 to 25.",
            "phone": "1800 55 1800",
            "url": "https://kidshelpline.com.au",
            "hours": "24/7",
            "audience": "young people",
            "languages": ["en"],
            "emergency_number": "000",
            "source_url": "https://kidshelpline.com.au",
        },
    ],
    "NZ": [
        {
            "name": "1737, Need to talk?",
            "description": "Call or text 1737 to talk with a trained counsellor.",
            "phone": "1737",
            "sms": "Text 1737",
            "url": "https://1737.org.nz",
            "hours": "24/7",
            "languages": ["en"],
            "emergency_number": "111",
            "source_url": "https://1737.org.nz",
        },
        {
            "name": "Lifeline Aotearoa",
            "description": "Crisis support and suicide prevention.",
            "phone": "0800 543 354",
            "sms": "Text HELP to 4357",
            "url": "https://www.lifeline.org.nz",
            "hours": "24/7",
            "languages": ["en"],
            "emergency_number": "111",
            "source_url": "https://www.lifeline.org.nz",
        },
    ],
    "DE": [
        {
            "name": "TelefonSeelsorge",
            "description": "Anonymous, free counselling by phone; chat and email on the website.",
            "phone": "0800 111 0 111",
            "url": "https://www.telefonseelsorge.de",
            "hours": "24/7",
            "languages": ["de"],
            "emergency_number": "112",
            "source_url": "https://www.telefonseelsorge.de",
        },
        {
            "name": "TelefonSeelsorge (second line)",
            "description": "The same service on its second free number.",
            "phone": "0800 111 0 222",
            "url": "https://www.telefonseelsorge.de",
            "hours": "24/7",
            "languages": ["de"],
            "emergency_number": "112",
            "source_url": "https://www.telefonseelsorge.de",
        },
    ],
    "AT": [
        {
            "name": "TelefonSeelsorge Österreich",
            "description": "Anonymous, free counselling by phone.",
            "phone": "142",
            "url": "https://www.telefonseelsorge.at",
            "hours": "24/7",
            "languages": ["de"],
            "emergency_number": "112",
            "source_url": "https://www.telefonseelsorge.at",
        },
    ],
    "CH": [
        {
            "name": "Die Dargebotene Hand / La Main Tendue / Telefono Amico",
            "description": "Anonymous counselling by phone, in German, French and Italian.",
            "phone": "143",
            "url": "https://www.143.ch",
            "hours": "24/7",
            "languages": ["de", "fr", "it"],
            "emergency_number": "144",
            "source_url": "https://www.143.ch",
        },
    ],
    "FR": [
        {
            "name": "3114 - Numéro national de prévention du suicide",
            "description": "Free calls to health professionals trained in suicide prevention, "
            "for people in distress and those worried about someone.",
            "phone": "3114",
            "url": "https://3114.fr",
            "hours": "24/7",
            "languages": ["fr"],
            "emergency_number": "112",
            "source_url": "https://3114.fr",
        },
    ],
    "ES": [
        {
            "name": "Línea 024 de atención a la conducta suicida",
            "description": "The national suicide prevention line: free and confidential.",
            "phone": "024",
            "hours": "24/7",
            "languages": ["es"],
            "emergency_number": "112",
            "source_url": "https://www.sanidad.gob.es",
        },
        {
            "name": "Teléfono de la Esperanza",
            "description": "Emotional support by phone.",
            "phone": "717 003 717",
            "url": "https://telefonodelaesperanza.org",
            "hours": "24/7",
            "languages": ["es"],
            "emergency_number": "112",
            "source_url": "https://telefonodelaesperanza.org",
        },
    ],
    "NL": [
        {
            "name": "113 Zelfmoordpreventie",
            "description": "Call 113 or free on 0800-0113, or chat on the website.",
            "phone": "113",
            "url": "https://www.113.nl",
            "hours": "24/7",
            "languages": ["nl"],
            "emergency_number": "112",
            "source_url": "https://www.113.nl",
        },
        {
            "name": "113 Zelfmoordpreventie (free number)",
            "description": "The same service on its free number.",
            "phone": "0800-0113",
            "url": "https://www.113.nl",
            "hours": "24/7",
            "languages": ["nl"],
            "emergency_number": "112",
            "source_url": "https://www.113.nl",
        },
    ],
    "BE": [
        {
            "name": "Centre de Prévention du Suicide",
            "description": "Free, anonymous listening line in French.",
            "phone": "0800 32 123",
            "url": "https://www.preventionsuicide.be",
            "hours": "24/7",
            "languages": ["fr"],
            "emergency_number": "112",
            "source_url": "https://www.preventionsuicide.be",
        },
        {
            "name": "Zelfmoordlijn 1813",
            "description": "Free, anonymous suicide prevention line in Dutch; chat on the website.",
            "phone": "1813",
            "url": "https://www.zelfmoord1813.be",
            "hours": "24/7",
            "languages": ["nl"],
            "emergency_number": "112",
            "source_url": "https://www.zelfmoord1813.be",
        },
    ],
    "SE": [
        {
            "name": "Mind Självmordslinjen",
            "description": "Call 90101 or chat on the website if you have thoughts of suicide.",
            "phone": "90101",
            "url": "https://mind.se",
            "languages": ["sv"],
            "emergency_number": "112",
            "source_url": "https://mind.se",
        },
    ],
    "DK": [
        {
            "name": "Livslinien",
            "description": "Anonymous counselling for people with thoughts of suicide.",
            "phone": "70 201 201",
            "url": "https://www.livslinien.dk",
            "languages": ["da"],
            "emergency_number": "112",
            "source_url": "https://www.livslinien.dk",
        },
    ],
    "NO": [
        {
            "name": "Mental Helse Hjelpetelefonen",
            "description": "Someone to talk to, free and anonymous.",
            "phone": "116 123",
            "url": "https://mentalhelse.no",
            "hours": "24/7",
            "languages": ["no"],
            "emergency_number": "113",
            "source_url": "https://mentalhelse.no",
        },
        {
            "name": "Kirkens SOS",
            "description": "Crisis support by phone.",
            "phone": "22 40 00 40",
            "url": "https://www.kirkens-sos.no",
            "hours": "24/7",
            "languages": ["no"],
            "emergency_number": "113",
            "source_url": "https://www.kirkens-sos.no",
        },
    ],
    "JP": [
        {
            "name": "TELL Lifeline",
            "description": "Free, anonymous counselling in English.",
            "phone": "03-5774-0992",
            "url": "https://telljp.com",
            "languages": ["en"],
            "emergency_number": "119",
            "source_url": "https://telljp.com",
        },
    ],
    "IN": [
        {
            "name": "Tele-MANAS",
            "description": "The national tele-mental health helpline, free, in many Indian "
            "languages. Also on 1-800-891-4416.",
            "phone": "14416",
            "url": "https://telemanas.mohfw.gov.in",
            "hours": "24/7",
            "languages": ["en", "hi"],
            "emergency_number": "112",
            "source_url": "https://telemanas.mohfw.gov.in",
        },
    ],
    "ZA": [
        {
            "name": "SADAG Suicide Crisis Helpline",
            "description": "The South African Depression and Anxiety Group's free suicide "
            "crisis line.",
            "phone": "0800 567 567",
            "url": "https://www.sadag.org",
            "languages": ["en"],
            "emergency_number": "112",
            "source_url": "https://www.sadag.org",
        },
    ],
    "BR": [
        {
            "name": "CVV - Centro de Valorização da Vida",
            "description": "Free emotional support and suicide prevention by phone; chat on "
            "the website.",
            "phone": "188",
            "url": "https://cvv.org.br",
            "hours": "24/7",
            "languages": ["pt"],
            "emergency_number": "192",
            "source_url": "https://cvv.org.br",
        },
    ],
    "MX": [
        {
            "name": "Línea de la Vida",
            "description": "Free, confidential support for mental health and addictions.",
            "phone": "800 911 2000",
            "hours": "24/7",
            "languages": ["es"],
            "emergency_number": "911",
        },
    ],
}
