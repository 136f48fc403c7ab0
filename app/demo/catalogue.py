"""Demo catalogue for seeding a development or demo instance of the content API.

Pure data: five lists of plain dicts (PEOPLE, TOPICS, ARTICLES, TRACKS, COLLECTIONS) that the
seed command loads through the normal services. All people are fictional; registration numbers
are deliberately fake ("DEMO"). Citations point to real, published sources; DOIs and PMIDs are
only given where they were verified, otherwise they are None.

Notes for demos:
- "lamotrigine-and-ketamine-for-depression" is the flagship clinically reviewed article.
- "starting-an-ssri-what-to-expect" has a clinical review that is already overdue.
- "talking-to-your-prescriber" is a draft and must never be publicly visible.
"""

from typing import Any

PEOPLE: list[dict[str, Any]] = [
    {
        "slug": "maren-okafor",
        "name": "Maren Okafor",
        "credentials": "PsyD, licensed clinical psychologist",
        "registration_number": "PSY-DEMO-0412",
        "bio": (
            "Maren is a clinical psychologist who has spent fifteen years helping adults with "
            "anxiety, panic and low mood. She writes about practical, evidence-based skills that "
            "people can use between therapy sessions. She also records several of the app's short "
            "lessons."
        ),
        "avatar_url": "https://media.smartmeditation.example/images/maren-okafor.jpg",
    },
    {
        "slug": "tomas-lindqvist-reyes",
        "name": "Tomas Lindqvist-Reyes",
        "credentials": "MSc, accredited cognitive behavioural psychotherapist",
        "registration_number": "CBT-DEMO-1187",
        "bio": (
            "Tomas is a cognitive behavioural psychotherapist with a special interest in insomnia "
            "and depression. He has trained community mental health teams in behavioural "
            "activation. He writes the app's sleep and low-mood programmes."
        ),
        "avatar_url": "https://media.smartmeditation.example/images/tomas-lindqvist-reyes.jpg",
    },
    {
        "slug": "ifeoma-hartley",
        "name": "Ifeoma Hartley",
        "credentials": "DClinPsy, clinical psychologist",
        "registration_number": "CLP-DEMO-2290",
        "bio": (
            "Ifeoma is a clinical psychologist who works in primary care, where she sees people "
            "with stress, sleep problems and depression. She is passionate about clear, "
            "jargon-free health information. Outside work she runs a community walking group."
        ),
        "avatar_url": "https://media.smartmeditation.example/images/ifeoma-hartley.jpg",
    },
    {
        "slug": "noor-haddad-whitfield",
        "name": "Noor Haddad-Whitfield",
        "credentials": "MA, integrative psychotherapist",
        "registration_number": "PSYT-DEMO-3051",
        "bio": (
            "Noor is an integrative psychotherapist who combines compassion-focused and "
            "mindfulness-based approaches. She works with adults facing stress, anxiety and harsh "
            "self-criticism. She writes about breathing, self-compassion and everyday habits."
        ),
        "avatar_url": "https://media.smartmeditation.example/images/noor-haddad-whitfield.jpg",
    },
    {
        "slug": "samuel-achterberg",
        "name": "Samuel Achterberg",
        "credentials": "MD, board-certified psychiatrist",
        "registration_number": "MED-DEMO-5521",
        "bio": (
            "Samuel is an adult psychiatrist specialising in mood disorders, including "
            "treatment-resistant depression. He reviews the app's medical content for accuracy and "
            "safety. He believes good information helps people have better conversations with "
            "their own clinicians."
        ),
        "avatar_url": "https://media.smartmeditation.example/images/samuel-achterberg.jpg",
    },
    {
        "slug": "lena-castellanos",
        "name": "Lena Castellanos",
        "credentials": "PharmD, board-certified psychiatric pharmacist",
        "registration_number": "PHARM-DEMO-0883",
        "bio": (
            "Lena is a clinical pharmacist who specialises in psychiatric medicines, interactions "
            "and safe tapering. She reviews every article that discusses medication. She has a "
            "particular interest in helping people prepare for medication reviews."
        ),
        "avatar_url": "https://media.smartmeditation.example/images/lena-castellanos.jpg",
    },
    {
        "slug": "june-halvorsen",
        "name": "June Halvorsen",
        "credentials": "",
        "registration_number": None,
        "bio": (
            "June has taught meditation to adult beginners for over a decade. Her unhurried voice "
            "guides many of the app's mindfulness and sleep practices. She lives by the coast and "
            "records on quiet early mornings."
        ),
        "avatar_url": "https://media.smartmeditation.example/images/june-halvorsen.jpg",
    },
    {
        "slug": "kofi-brennan",
        "name": "Kofi Brennan",
        "credentials": "",
        "registration_number": None,
        "bio": (
            "Kofi is a voice artist and long-time meditator. He narrates sleep stories, soundscape "
            "introductions and longer practices. He is known for a warm, steady pace that "
            "listeners say helps them switch off."
        ),
        "avatar_url": "https://media.smartmeditation.example/images/kofi-brennan.jpg",
    },
    {
        "slug": "rosa-ilunga",
        "name": "Rosa Ilunga",
        "credentials": "",
        "registration_number": None,
        "bio": (
            "Rosa is a yoga and breathwork teacher who leads gentle practices for anxious moments "
            "and restless nights. She narrates many of the app's self-compassion and breathing "
            "tracks. She believes a practice should always feel kind."
        ),
        "avatar_url": None,
    },
    {
        "slug": "ari-nakamura-wells",
        "name": "Ari Nakamura-Wells",
        "credentials": "",
        "registration_number": None,
        "bio": (
            "Ari is a narrator and former radio presenter who discovered meditation during a "
            "stressful career change. Ari records short breathing resets and calm, detailed sleep "
            "stories. Ari's practices are designed to fit into real, busy days."
        ),
        "avatar_url": "https://media.smartmeditation.example/images/ari-nakamura-wells.jpg",
    },
]

TOPICS: list[dict[str, Any]] = [
    {
        "slug": "depression",
        "name": "Depression",
        "description": (
            "Understanding low mood and depression, evidence-based treatments, and small steps "
            "that help day to day."
        ),
    },
    {
        "slug": "anxiety",
        "name": "Anxiety",
        "description": (
            "Worry, panic and anxious feelings: why they happen and practical skills for calming "
            "the alarm."
        ),
    },
    {
        "slug": "sleep",
        "name": "Sleep",
        "description": (
            "Sleep habits, insomnia and wind-down practices, including sleep stories and "
            "soundscapes."
        ),
    },
    {
        "slug": "stress",
        "name": "Stress",
        "description": (
            "How stress affects body and mind, burnout, and ways to recover and reset during busy "
            "days."
        ),
    },
    {
        "slug": "medication",
        "name": "Medication",
        "description": (
            "Clinically reviewed information about mental health medicines, what to expect, and "
            "how to talk to your prescriber."
        ),
    },
    {
        "slug": "mindfulness",
        "name": "Mindfulness",
        "description": (
            "Paying attention to the present moment with curiosity, through guided practices and "
            "everyday exercises."
        ),
    },
    {
        "slug": "breathing",
        "name": "Breathing",
        "description": (
            "Paced and slow breathing techniques that help settle the nervous system in minutes."
        ),
    },
    {
        "slug": "self-compassion",
        "name": "Self-compassion",
        "description": "Meeting your own struggles with warmth instead of harsh self-criticism.",
    },
    {
        "slug": "crisis-support",
        "name": "Crisis support",
        "description": (
            "When and how to get urgent help for yourself or someone else, including crisis lines "
            "and emergency services."
        ),
    },
]

ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "lamotrigine-and-ketamine-for-depression",
        "locale": "en",
        "title": "Does lamotrigine change how well ketamine works for depression?",
        "subtitle": (
            "What the science suggests, what it cannot yet tell us, and how to talk it through "
            "with your prescriber"
        ),
        "summary": (
            "Lamotrigine dampens glutamate release, and ketamine's antidepressant effect is "
            "thought to involve a burst of glutamate, so it is reasonable to ask whether the two "
            "clash. The few small studies so far are mixed but have not shown lamotrigine blocking "
            "ketamine's benefit."
        ),
        "body_markdown": """\
If you take lamotrigine and your care team has suggested ketamine or esketamine for depression,
you may have come across the worry that one medicine could cancel out the other. It is a
sensible question, and you deserve a straight answer: the evidence is limited, but what exists
does not show that lamotrigine stops ketamine from working.

## First, if you are struggling right now

Ketamine treatments are usually offered to people whose depression has not lifted with other
treatments, and some people starting them are living with thoughts of suicide. Research suggests
that a single ketamine treatment can ease suicidal thoughts within a day for some people, but it
does not replace a safety plan or urgent care. If you are having thoughts of suicide and feel
you may act on them, please contact your local emergency number or a crisis line now. In the US
you can call or text 988; in the UK and Ireland you can call Samaritans on 116 123; elsewhere,
[Find A Helpline](https://findahelpline.com) lists free services by country.

## Why anyone thinks the two might clash

Ketamine blocks NMDA receptors, one of the brain's main receptors for the chemical messenger
glutamate. At the low doses used for depression, the leading explanation is a paradox: by
blocking NMDA receptors on certain inhibitory nerve cells, ketamine briefly releases the brakes
on other circuits, producing a short surge of glutamate activity. That surge is thought to
switch on signals, involving AMPA receptors and growth factors such as BDNF, that help nerve
cells rebuild connections weakened by chronic stress and depression.

Lamotrigine works differently. It is used to prevent epileptic seizures and, in bipolar
disorder, to reduce the risk of new depressive episodes. One of its actions is to calm
overactive nerve cells by blocking sodium channels, which reduces the release of glutamate.

So the concern is easy to see: if ketamine helps through a glutamate surge, could lamotrigine
blunt it?

## What the research actually shows

Only a handful of small studies have looked at this. They disagree about side effects, but none
has shown lamotrigine blocking the antidepressant effect.

- **Healthy volunteers (2000).** In 16 people without depression, a single dose of lamotrigine
  before ketamine reduced ketamine's dissociative and perceptual effects. It increased
  ketamine's immediate mood-lifting effect rather than reducing it.
- **People with treatment-resistant depression (2010).** In a trial of 26 people, some received
  a single dose of lamotrigine two hours before a ketamine infusion and others a placebo.
  Lamotrigine neither reduced ketamine's side effects nor changed its antidepressant response.
- **A clinic cohort (2023).** Records from people receiving repeated ketamine or esketamine
  showed no significant difference in response or remission between those taking lamotrigine and
  those not, with a possible trend towards less dissociation. Only 13 people in that study were
  taking lamotrigine.
- **A 2022 systematic review** gathered the animal and human studies and concluded that the data
  are too sparse to settle the question.

So the theory predicts a possible conflict, but the limited clinical evidence has not found one.
That is not proof that there is no effect for anyone. The studies were small, often used single
doses, and did not follow people over months.

## What this means for you

- **Do not stop, skip or reduce lamotrigine on your own**, even for a treatment day. Stopping
  suddenly can unsettle your mood and, if you take it for epilepsy, raise the risk of seizures.
- **Do not restart lamotrigine at your usual dose after a break** of several days without
  advice. It usually has to be built up again slowly, because restarting too fast raises the
  risk of a serious skin rash.
- **Tell your ketamine team about every medicine you take**, including ones you take only
  occasionally, such as sleeping tablets or benzodiazepines, and any supplements.
- **Ask about timing.** Many prescribers keep everything the same; some may adjust when doses
  are taken around treatment sessions. That is a decision for them to make with you.
- **Track how you feel** for a few days after each session, so you and your team can judge
  whether treatment is helping.

## Questions to bring to your prescriber

1. Given my diagnosis, is lamotrigine still the right medicine for me alongside ketamine?
2. Should I change anything about when I take it on treatment days?
3. How will we judge whether ketamine is working, and by when?
4. What should I do if I miss doses of lamotrigine?

## Warning signs to act on

Contact your care team promptly, or emergency services if it feels urgent, if you notice:

- thoughts of suicide that are new, stronger, or harder to resist
- any rash while taking lamotrigine, especially with fever, blisters, mouth sores or swollen
  glands
- a sudden lift into unusual energy, racing thoughts or little need for sleep
- confusion or dissociation that does not settle in the hours after a session, a severe
  headache, or chest pain

Asking about your medicines is not being difficult. Your prescriber would much rather hear your
concern than have you make a change alone.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/"
            "lamotrigine-and-ketamine-for-depression.jpg"
        ),
        "hero_image_alt": (
            "Two differently shaped pebbles resting side by side on a smooth grey stone"
        ),
        "author": "maren-okafor",
        "topics": ["depression", "medication"],
        "is_medical": True,
        "reviewer": "samuel-achterberg",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": ["medication_change", "suicide"],
        "citations": [
            {
                "text": (
                    "Anand A, Charney DS, Oren DA, et al. Attenuation of the neuropsychiatric "
                    "effects of ketamine with lamotrigine: support for hyperglutamatergic effects "
                    "of N-methyl-D-aspartate receptor antagonists. Arch Gen Psychiatry. "
                    "2000;57(3):270-276."
                ),
                "url": None,
                "doi": "10.1001/archpsyc.57.3.270",
                "pmid": None,
            },
            {
                "text": (
                    "Mathew SJ, Murrough JW, aan het Rot M, Collins KA, Reich DL, Charney DS. "
                    "Riluzole for relapse prevention following intravenous ketamine in "
                    "treatment-resistant depression: a pilot randomized, placebo-controlled "
                    "continuation trial. Int J Neuropsychopharmacol. 2010;13(1):71-82."
                ),
                "url": None,
                "doi": "10.1017/S1461145709000169",
                "pmid": None,
            },
            {
                "text": (
                    "Joseph B, Nunez NA, Kung S, et al. Efficacy of ketamine with and without "
                    "lamotrigine in treatment-resistant depression: a preliminary report. "
                    "Pharmaceuticals (Basel). 2023;16(8):1164."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Wilkowska A, Wiglusz MS, Jakuszkowiak-Wojten K, Cubala WJ. Ketamine and "
                    "lamotrigine combination in psychopharmacology: systematic review. Cells. "
                    "2022;11(4):645."
                ),
                "url": None,
                "doi": "10.3390/cells11040645",
                "pmid": None,
            },
            {
                "text": (
                    "Wilkinson ST, Ballard ED, Bloch MH, et al. The effect of a single dose of "
                    "intravenous ketamine on suicidal ideation: a systematic review and individual "
                    "participant data meta-analysis. Am J Psychiatry. 2018;175(2):150-158."
                ),
                "url": None,
                "doi": "10.1176/appi.ajp.2017.17040472",
                "pmid": None,
            },
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Depression in "
                    "adults: treatment and management. NICE guideline NG222. 2022."
                ),
                "url": "https://www.nice.org.uk/guidance/ng222",
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "Lamotrigine and ketamine for depression: what the evidence says",
        "seo_description": (
            "Can lamotrigine blunt ketamine's antidepressant effect? A clinically reviewed look at "
            "the glutamate theory, the small studies, and what to ask your prescriber."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-09-14T08:00:00Z",
    },
    {
        "slug": "starting-an-ssri-what-to-expect",
        "locale": "en",
        "title": "Starting an SSRI: what the first weeks can feel like",
        "subtitle": "A guide to side effects, timelines and when to call your prescriber",
        "summary": (
            "SSRIs usually take a few weeks to help, and early side effects are common and often "
            "temporary. Knowing what to expect makes it easier to stay in touch with your "
            "prescriber and spot anything that needs attention."
        ),
        "body_markdown": """\
Starting an antidepressant can bring mixed feelings: hope, doubt, and perhaps worry about side
effects or about what taking medication says about you. All of those feelings are normal.
Selective serotonin reuptake inhibitors (SSRIs), such as sertraline, citalopram, escitalopram
and fluoxetine, are among the most widely prescribed medicines in the world, and knowing what
the first weeks usually look like can make them easier.

## How SSRIs are thought to work

SSRIs increase the availability of serotonin, a chemical messenger, between nerve cells. That
change happens within hours, yet the benefit takes weeks, which suggests the real work involves
slower adaptation in brain circuits. Large reviews of clinical trials show that antidepressants,
on average, help more than placebo for adults with depression, and that people differ a lot in
which one suits them.

## A rough timeline

Everyone is different, but many people notice something like this:

- **Days 1 to 14:** side effects, if any, are usually most noticeable now. Sleep, energy or
  appetite may shift before mood does.
- **Weeks 2 to 4:** some people notice early changes, such as slightly better sleep or a little
  more energy. Others notice nothing yet, which is common.
- **Weeks 4 to 8:** this is when the effect on mood usually becomes clearer. Your prescriber may
  review the dose around now.

If there has been no improvement after a fair trial, that is useful information, not a failure.
In a large study of people with depression, many who did not recover with their first medicine
did so after a change of dose, medicine or approach.

## Common early side effects

- nausea, an unsettled stomach or changes in bowel habits
- headaches
- feeling jittery, restless or more anxious for a week or two
- trouble sleeping, or feeling sleepy
- sweating
- changes in sex drive, arousal or orgasm

Many of these ease within two weeks. Taking the tablet with food can help with nausea, and
taking it in the morning or the evening (ask which) can help with sleep. Sexual side effects are
less likely to fade on their own, so please mention them; there are often options, and there is
nothing embarrassing about asking.

## Tell your prescriber straight away about

- **New or worse thoughts of suicide or self-harm.** In the early weeks a small number of
  people, particularly those under 25, feel more agitated or have more suicidal thoughts. This
  is why an early check-in is often arranged within the first week or two. If you feel unsafe,
  contact emergency services or a crisis line without waiting.
- **Unusually high mood**, racing thoughts, or needing much less sleep than usual. This can be a
  sign of bipolar disorder and needs a review.
- **Signs of too much serotonin**, which are rare but serious: agitation or confusion with
  fever, heavy sweating, shivering, muscle twitching or stiffness, and diarrhoea. Seek urgent
  help.
- **Unusual bleeding or bruising**, especially if you also take anti-inflammatory painkillers or
  blood thinners.

## Helping the medicine help you

- Take it at the same time each day; a phone reminder helps.
- Check with a pharmacist before starting other medicines or supplements, including St John's
  wort, some painkillers such as tramadol, and some migraine medicines.
- Keep alcohol low; it can worsen low mood and sleep.
- Keep a short daily note of mood, sleep and side effects to share at your review.
- Combine medication with other support where you can, such as talking therapy, movement and
  daylight.

## Stopping or changing

Please do not stop an SSRI suddenly, even if you feel better or the side effects are
frustrating. Stopping abruptly can cause withdrawal symptoms such as dizziness, irritability and
brief "electric shock" sensations. Many guidelines suggest continuing for at least six months
after you feel well, then reducing gradually with your prescriber's help.

Taking an antidepressant is not a sign of weakness. It is one tool, chosen together with a
clinician, to help you get back to the things that matter to you.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/starting-an-ssri-what-to-expect.jpg"
        ),
        "hero_image_alt": "A calendar on a kitchen table beside a glass of water and a small plant",
        "author": "ifeoma-hartley",
        "topics": ["depression", "anxiety", "medication"],
        "is_medical": True,
        "reviewer": "lena-castellanos",
        "reviewed_at": "2025-03-01",
        "next_review_due": "2026-03-01",
        "content_warnings": ["medication_change", "suicide"],
        "citations": [
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Depression in "
                    "adults: treatment and management. NICE guideline NG222. 2022."
                ),
                "url": "https://www.nice.org.uk/guidance/ng222",
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Cipriani A, Furukawa TA, Salanti G, et al. Comparative efficacy and "
                    "acceptability of 21 antidepressant drugs for the acute treatment of adults "
                    "with major depressive disorder: a systematic review and network "
                    "meta-analysis. Lancet. 2018;391(10128):1357-1366."
                ),
                "url": None,
                "doi": "10.1016/S0140-6736(17)32802-7",
                "pmid": None,
            },
            {
                "text": (
                    "Rush AJ, Trivedi MH, Wisniewski SR, et al. Acute and longer-term outcomes in "
                    "depressed outpatients requiring one or several treatment steps: a STAR*D "
                    "report. Am J Psychiatry. 2006;163(11):1905-1917."
                ),
                "url": None,
                "doi": "10.1176/ajp.2006.163.11.1905",
                "pmid": None,
            },
            {
                "text": (
                    "US Food and Drug Administration. Boxed warning on suicidality in children, "
                    "adolescents and young adults taking antidepressants (labeling change 2004, "
                    "extended to young adults 2007)."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "Starting an SSRI antidepressant: what to expect in the first weeks",
        "seo_description": (
            "Side effects, timelines and warning signs in the first weeks on an SSRI, with "
            "practical tips and questions for your prescriber."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-01-20T08:00:00Z",
    },
    {
        "slug": "tapering-antidepressants-safely",
        "locale": "en",
        "title": "Coming off antidepressants safely",
        "subtitle": (
            "Why slow, planned reductions matter and how to make a plan with your prescriber"
        ),
        "summary": (
            "Stopping an antidepressant suddenly can cause withdrawal symptoms that are easy to "
            "mistake for relapse. A gradual, flexible plan made with your prescriber is the safest "
            "way to reduce or stop."
        ),
        "body_markdown": """\
Deciding to come off an antidepressant is a significant step. Perhaps you have felt well for a
long time, side effects are bothering you, or your circumstances have changed. Whatever the
reason, the way you stop matters as much as the decision itself. This article explains why, and
how to plan a reduction with your prescriber rather than alone.

## Why stopping suddenly is a problem

Your brain adapts to an antidepressant over months. When the medicine is removed quickly, it
needs time to readjust, and that gap can produce withdrawal symptoms, sometimes called
discontinuation symptoms. They are common, and for some people they are severe or last for
several weeks or longer.

Symptoms can include:

- dizziness, unsteadiness or a spinning feeling
- brief "electric shock" or "brain zap" sensations
- irritability, anxiety, tearfulness or low mood
- flu-like symptoms, sweating or tiredness
- trouble sleeping and vivid dreams
- nausea

Medicines that leave the body quickly, such as paroxetine and venlafaxine, are more likely to
cause withdrawal when reduced too fast, but any antidepressant can.

## Withdrawal or relapse?

The two can feel similar. Mixing them up can lead people to restart medication they may not
need, or to push on when they are becoming unwell. Some clues:

- **Withdrawal** usually starts within days of a dose reduction, often includes physical
  symptoms that were never part of your depression (such as dizziness or zaps), and tends to
  ease if the previous dose is restored.
- **Relapse** tends to build more gradually over weeks and looks like your original depression
  or anxiety.

Your prescriber can help you tell them apart, which is one reason not to go it alone.

## What a careful taper looks like

Current thinking, reflected in updated guidance in several countries, favours slower reductions
than were once recommended:

1. **Agree a plan together.** Talk through why you want to stop, the timing, and what support
   you have. Many guidelines suggest staying on treatment for at least six months after you
   recover before reducing.
2. **Reduce in steps, not all at once.** Each step is usually a proportion of your current dose.
   Because the effect of the medicine on the brain does not fall in a straight line with the
   dose, the last steps, at low doses, often need to be the smallest and slowest.
3. **Pause between steps.** Wait until you feel settled, often two to four weeks or longer,
   before the next reduction.
4. **Adjust to how you feel.** If withdrawal symptoms are hard, your prescriber may suggest
   holding the dose or going back to the previous step for a while. A slower taper is not a
   failure.
5. **Ask about formulations.** Liquid versions or lower-strength tablets can make small
   reductions possible. Ask a pharmacist before splitting tablets or opening capsules, because
   some are not designed for it.

## Choosing your moment

It usually helps to avoid tapering during major upheavals such as a house move, exams, a new job
or a bereavement. Choose a period when your routine is fairly steady and the people around you
know what you are doing.

## Supporting yourself during a taper

- Keep a simple daily log of mood, sleep and any physical symptoms.
- Protect your sleep and keep regular mealtimes.
- Use grounding and breathing practices for waves of anxiety or irritability.
- Let one or two trusted people know, so they can tell you if they notice changes.
- Keep your review appointments, even if things are going well.

## When to get help

Contact your prescriber if symptoms are making daily life difficult. Seek urgent help, through
emergency services or a crisis line, if you have thoughts of suicide or feel unable to keep
yourself safe.

Coming off medication carefully is a skill, not a test of willpower. Going slowly and asking for
help along the way gives you the best chance of a smooth transition.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/tapering-antidepressants-safely.jpg"
        ),
        "hero_image_alt": "A set of wooden steps leading gently down a grassy slope",
        "author": "tomas-lindqvist-reyes",
        "topics": ["depression", "medication"],
        "is_medical": True,
        "reviewer": "lena-castellanos",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": ["medication_change"],
        "citations": [
            {
                "text": (
                    "Horowitz MA, Taylor D. Tapering of SSRI treatment to mitigate withdrawal "
                    "symptoms. Lancet Psychiatry. 2019;6(6):538-546."
                ),
                "url": None,
                "doi": "10.1016/S2215-0366(19)30032-X",
                "pmid": None,
            },
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Medicines "
                    "associated with dependence or withdrawal symptoms: safe prescribing and "
                    "withdrawal management for adults. NICE guideline NG215. 2022."
                ),
                "url": "https://www.nice.org.uk/guidance/ng215",
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Depression in "
                    "adults: treatment and management. NICE guideline NG222. 2022."
                ),
                "url": "https://www.nice.org.uk/guidance/ng222",
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Davies J, Read J. A systematic review into the incidence, severity and "
                    "duration of antidepressant withdrawal effects: are guidelines evidence-based? "
                    "Addict Behav. 2019;97:111-121."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "How to come off antidepressants safely: tapering explained",
        "seo_description": (
            "Withdrawal versus relapse, why gradual tapering matters, and how to plan a reduction "
            "with your prescriber. Clinically reviewed guidance."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-08-04T08:00:00Z",
    },
    {
        "slug": "when-to-seek-urgent-help",
        "locale": "en",
        "title": "When to seek urgent help",
        "subtitle": "Recognising a mental health emergency, and what to do next",
        "summary": (
            "Some moments need more than self-help. This guide explains the signs that mean it is "
            "time to get urgent support, for yourself or someone else, and how to reach it quickly."
        ),
        "body_markdown": """\
This app can help with everyday stress, low mood and sleep. It is not an emergency service, and
there are times when the most important thing you can do is reach a person quickly. If you are
in danger now, stop reading and call your local emergency number, for example 911 in the US and
Canada, 999 or 112 in the UK, 112 across the EU, or 000 in Australia.

## Signs that you need help today

Get urgent support if you, or someone you are with:

- is thinking about ending their life and has a plan, has the means, or feels they might act on
  it
- has harmed themselves and the injury may need medical care, or has taken an overdose of any
  size
- cannot keep themselves safe, or has stopped eating or drinking
- is seeing or hearing things others do not, or holds frightening beliefs that are out of
  character, and is very distressed
- has had a severe reaction to a medicine, such as a high temperature with confusion or
  stiffness
- is so affected by alcohol or drugs, or by withdrawal from them, that they are confused,
  unconscious or having a seizure

An overdose can cause serious harm even when the person seems well at first, so always get
medical help.

## Where to turn

- **Emergency services or the nearest emergency department**, if there is immediate risk to
  life.
- **A crisis line**, to talk to someone now. In the US, call or text 988 (the 988 Suicide &
  Crisis Lifeline). In the UK and Ireland, call Samaritans free on 116 123. For other countries,
  [Find A Helpline](https://findahelpline.com) lists free, confidential services.
- **Your own care team**, if you have one. Many services have an out-of-hours or crisis number;
  it is worth saving it in your phone today.
- **Your doctor**, for an urgent same-day appointment if things are getting worse but you are
  not in immediate danger.

## If the thoughts are there but not urgent

Many people have passing thoughts that life is not worth living, especially when depressed.
These thoughts deserve attention even if you do not intend to act on them. You might:

1. Tell someone you trust how you are really feeling.
2. Book an appointment with your doctor or therapist and say plainly that you have been having
   thoughts of suicide.
3. Write a short safety plan: your warning signs, things that help you cope, people you can
   contact, and how to make your surroundings safer, for example by asking someone to look after
   medicines for a while.
4. Cut down on alcohol and drugs, which make it harder to stay safe.

## If you are worried about someone else

It can feel frightening to ask, but asking directly ("Are you thinking about suicide?") does not
put the idea in someone's head. Research suggests it does not increase suicidal thoughts, and it
often brings relief. Then:

- listen more than you talk, without arguing or lecturing
- do not promise to keep it secret if they are at risk
- help them contact a crisis line or a professional, and offer to stay with them while they do
- if there is immediate danger, call emergency services and stay with them if it is safe to do
  so

Look after yourself too. Supporting someone in crisis is hard, and you are allowed to ask for
help for yourself.

## After a crisis

Recovery from a crisis takes time. Follow-up appointments, a written safety plan and gentle
daily routines all help. When you feel ready, the practices in this app can be part of that
rebuilding, alongside the people and professionals supporting you.

Reaching out is a sign of strength. You do not have to be at your lowest point to deserve help.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/when-to-seek-urgent-help.jpg"
        ),
        "hero_image_alt": (
            "A lit window in a dark street at night, with a figure visible inside making a phone "
            "call"
        ),
        "author": "ifeoma-hartley",
        "topics": ["crisis-support", "depression"],
        "is_medical": True,
        "reviewer": "samuel-achterberg",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": ["suicide", "self_harm"],
        "citations": [
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Self-harm: "
                    "assessment, management and preventing recurrence. NICE guideline NG225. 2022."
                ),
                "url": "https://www.nice.org.uk/guidance/ng225",
                "doi": None,
                "pmid": None,
            },
            {
                "text": "988 Suicide & Crisis Lifeline (United States).",
                "url": "https://988lifeline.org",
                "doi": None,
                "pmid": None,
            },
            {
                "text": "Samaritans (United Kingdom and Ireland).",
                "url": "https://www.samaritans.org",
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Dazzi T, Gribble R, Wessely S, Fear NT. Does asking about suicide and related "
                    "behaviours induce suicidal ideation? What is the evidence? Psychol Med. "
                    "2014;44(16):3361-3363."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": "World Health Organization. Preventing suicide: a global imperative. 2014.",
                "url": None,
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "When to seek urgent mental health help, and how",
        "seo_description": (
            "Signs of a mental health emergency, where to turn, crisis lines, and how to support "
            "someone who is thinking about suicide."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-07-07T08:00:00Z",
    },
    {
        "slug": "sleep-hygiene-that-actually-helps",
        "locale": "en",
        "title": "Sleep habits that actually help",
        "subtitle": (
            "A realistic look at sleep hygiene: what matters most, and what to do when it is not "
            "enough"
        ),
        "summary": (
            "Good sleep habits will not fix long-term insomnia on their own, but a few of them "
            "matter a lot. Start with a steady wake-up time, morning light and a wind-down buffer."
        ),
        "body_markdown": """\
When sleep goes wrong, advice comes from every direction: no screens, no caffeine, lavender,
special pillows. Some of it helps and some of it just adds pressure. Research suggests that
sleep habits on their own have modest effects on long-standing insomnia, but a few of them make
a real difference and form the foundation for other approaches. Here are the ones worth your
energy.

## 1. Anchor your wake-up time

If you change only one thing, make it this. Getting up at roughly the same time every day,
including weekends, steadies your body clock. It also builds sleep pressure, the drive for sleep
that grows the longer you are awake. Lying in after a bad night feels kind, but it often makes
the next night harder.

## 2. Get daylight early

Light in the first hour or two after waking is the strongest signal your body clock receives.
Open the curtains, eat breakfast by a window, or take a short walk outside. Even a cloudy
morning is far brighter than indoor lighting.

## 3. Give caffeine a curfew

Caffeine blocks adenosine, one of the chemicals that builds sleep pressure, and its effects last
for several hours. If you are sensitive, try keeping coffee, strong tea, energy drinks and cola
to the morning, and notice whether your sleep changes over a couple of weeks.

## 4. Be wary of alcohol as a sleep aid

Alcohol can make you drowsy, but it fragments sleep in the second half of the night and reduces
dream sleep. A drink to help you sleep often leads to early waking and a heavier head.

## 5. Build a wind-down buffer

Your mind needs a runway. In the last 30 to 60 minutes before bed:

- dim the lights and lower the pace
- move work, difficult conversations and the news earlier in the evening
- choose something calming and predictable, such as a shower, reading, stretching or a sleep
  story
- if worries are loud, write them down with one next step for each, then close the notebook

Screens are not forbidden. Stimulating content and the urge to keep scrolling are usually bigger
problems than the light itself.

## 6. Make the bedroom sleep-friendly

Cool, dark and quiet is the general rule. Earplugs, an eye mask or steady background sound can
help if you cannot control noise or light. Keep the clock out of sight; checking the time tends
to fuel frustration.

## 7. Nap with care

If you need a nap, keep it short, around 20 minutes, and before mid-afternoon. Long or late naps
drain the sleep pressure you need at night.

## What sleep hygiene cannot do

If you have struggled to sleep at least three nights a week for three months or more, you may
have chronic insomnia. That is common and very treatable, usually with cognitive behavioural
therapy for insomnia (CBT-I), which goes well beyond these habits. Our article on CBT-I explains
how it works.

Talk to your doctor if:

- you snore loudly, gasp or stop breathing during sleep, or wake unrefreshed however long you
  sleep
- you have an irresistible urge to move your legs in the evening
- poor sleep came with low mood, worry, or a change in your medication
- you fall asleep in situations where it could be dangerous, such as driving

## Be gentle with yourself

Sleep cannot be forced, and trying hard to sleep is one of the surest ways to stay awake. Think
of these habits as setting the conditions for sleep, then letting it arrive in its own time.
Some nights will still be rough. That is part of being human, not a sign that you have failed.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/sleep-hygiene-that-actually-helps.jpg"
        ),
        "hero_image_alt": "Morning sunlight falling across an unmade bed and a wooden floor",
        "author": "ifeoma-hartley",
        "topics": ["sleep"],
        "is_medical": False,
        "reviewer": "tomas-lindqvist-reyes",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": [],
        "citations": [
            {
                "text": (
                    "Irish LA, Kline CE, Gunn HE, Buysse DJ, Hall MH. The role of sleep hygiene in "
                    "promoting public health: a review of empirical evidence. Sleep Med Rev. "
                    "2015;22:23-36."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Riemann D, Baglioni C, Bassetti C, et al. European guideline for the "
                    "diagnosis and treatment of insomnia. J Sleep Res. 2017;26(6):675-700."
                ),
                "url": None,
                "doi": "10.1111/jsr.12594",
                "pmid": None,
            },
        ],
        "seo_title": "Sleep hygiene that actually helps: 7 habits worth your energy",
        "seo_description": (
            "Which sleep habits matter most, why a steady wake-up time beats an early night, and "
            "when poor sleep needs more than sleep hygiene."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-05-19T07:30:00Z",
    },
    {
        "slug": "cbt-i-basics",
        "locale": "en",
        "title": "CBT for insomnia: how it works",
        "subtitle": "The first-line treatment for long-term sleep problems, explained step by step",
        "summary": (
            "Cognitive behavioural therapy for insomnia (CBT-I) retrains the link between bed and "
            "sleep and loosens the worry that keeps you awake. It is recommended as the first "
            "treatment for chronic insomnia in adults."
        ),
        "body_markdown": """\
If you have been sleeping poorly for months, you may feel you have tried everything. Cognitive
behavioural therapy for insomnia, usually shortened to CBT-I, is different from general sleep
tips. It is a structured programme, typically four to eight sessions, and major guidelines in
Europe and the United States recommend it as the first treatment for chronic insomnia in adults,
ahead of sleeping tablets. It can be delivered by a therapist, in a group, or through a
well-designed digital programme.

## Why insomnia keeps going

Insomnia often starts with a trigger, such as stress, illness, a new baby or grief. It keeps
going long after the trigger has passed because of understandable things we do to cope: going to
bed earlier, lying in, spending long hours in bed trying to sleep, and worrying about the next
day. Over time, the bed becomes linked with being awake and frustrated rather than with sleep.
CBT-I works on those links.

## The main ingredients

**1. A sleep diary.** For a week or two you note roughly when you went to bed, how long it took
to fall asleep, any wakings, and when you got up. Rough estimates are fine. The diary guides
every other step.

**2. Stimulus control.** This rebuilds the connection between bed and sleep:

- go to bed only when you feel sleepy, not just tired
- use the bed for sleep and sex only
- if you have been awake for what feels like 15 to 20 minutes, get up, go somewhere dim and do
  something quiet until you feel sleepy, then return
- get up at the same time every morning

**3. Sleep restriction, or sleep scheduling.** This sounds harsh but is one of the most
effective parts. You temporarily limit your time in bed to roughly the time you are actually
sleeping, then gradually extend it as sleep becomes more solid. It strengthens sleep pressure
and shortens long, wakeful stretches. In the first week or two you may feel sleepier during the
day.

**4. Working with thoughts.** Beliefs such as "If I don't get eight hours, tomorrow will be a
disaster" raise arousal and make sleep less likely. CBT-I helps you examine these beliefs and
find more balanced ones, based on your own experience.

**5. Relaxation and wind-down.** Breathing practices, body scans or progressive muscle
relaxation can lower arousal at night. They are aids to settling rather than techniques to force
sleep.

## Safety first

Sleep restriction is powerful and should be guided by a clinician if you:

- have bipolar disorder, because reduced sleep can trigger a high mood episode
- have epilepsy, because sleep loss can make seizures more likely
- drive or operate machinery for work, or are often drowsy during the day
- may have sleep apnoea or another sleep disorder that needs assessment first

If you are pregnant, an older adult, or live with a long-term health condition, a clinician can
adapt the programme for you.

## What to expect

Many people find the first couple of weeks demanding, especially sticking to the wake-up time
after a poor night. Improvements usually build over four to eight weeks. Studies suggest the
benefits often last longer than those from sleeping tablets, because you have changed the
patterns that kept insomnia going.

## If you take sleep medication

Do not stop sleeping tablets abruptly in order to start CBT-I. Some, such as benzodiazepines and
Z-drugs, need to be reduced gradually. Your doctor can help you plan how CBT-I and any
medication changes fit together.

## Getting started

Ask your doctor whether CBT-I is available locally, including digital programmes. In the
meantime, a sleep diary and a fixed wake-up time are good first steps, and the wind-down tracks
in this app can support your evening routine.
""",
        "hero_image_url": "https://media.smartmeditation.example/images/cbt-i-basics.jpg",
        "hero_image_alt": "A notebook open at a handwritten sleep diary next to a bedside lamp",
        "author": "tomas-lindqvist-reyes",
        "topics": ["sleep", "anxiety"],
        "is_medical": False,
        "reviewer": "samuel-achterberg",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": [],
        "citations": [
            {
                "text": (
                    "Qaseem A, Kansagara D, Forciea MA, Cooke M, Denberg TD; Clinical Guidelines "
                    "Committee of the American College of Physicians. Management of chronic "
                    "insomnia disorder in adults: a clinical practice guideline from the American "
                    "College of Physicians. Ann Intern Med. 2016;165(2):125-133."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Riemann D, Baglioni C, Bassetti C, et al. European guideline for the "
                    "diagnosis and treatment of insomnia. J Sleep Res. 2017;26(6):675-700."
                ),
                "url": None,
                "doi": "10.1111/jsr.12594",
                "pmid": None,
            },
            {
                "text": (
                    "Trauer JM, Qian MY, Doyle JS, Rajaratnam SM, Cunnington D. Cognitive "
                    "behavioral therapy for chronic insomnia: a systematic review and "
                    "meta-analysis. Ann Intern Med. 2015;163(3):191-204."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "CBT for insomnia (CBT-I): how it works and what to expect",
        "seo_description": (
            "Stimulus control, sleep scheduling and the thinking patterns that keep insomnia "
            "going: a plain guide to the first-line treatment for insomnia."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-06-30T08:00:00Z",
    },
    {
        "slug": "grounding-5-4-3-2-1",
        "locale": "en",
        "title": "The 5-4-3-2-1 grounding technique",
        "subtitle": "A simple way to bring your attention back to the present when anxiety surges",
        "summary": (
            "When anxiety or distressing memories pull you away from the present, naming what you "
            "can sense around you can help you steady yourself. Here is how to use 5-4-3-2-1, and "
            "how to adapt it."
        ),
        "body_markdown": """\
When anxiety rises quickly, attention tends to narrow onto the threat: the racing heart, the
worst-case story, or a painful memory. Grounding techniques gently widen attention again, using
your senses to remind your body that right now, in this room, you are here. The 5-4-3-2-1
technique is one of the simplest. You can use it anywhere, nobody needs to know you are doing
it, and it takes two or three minutes.

## How to do it

Pause where you are. If you can, let your feet rest on the floor. Then, slowly:

1. **Notice five things you can see.** Name them silently or under your breath: the blue mug,
   the crack in the ceiling, your hands, the window frame, a green leaf. Take in details such as
   colour, shape and texture.
2. **Notice four things you can feel.** The weight of your body on the chair, the fabric of your
   sleeves, the air on your face, your feet inside your shoes.
3. **Notice three things you can hear.** Near and far: the hum of a fridge, traffic, your own
   breathing.
4. **Notice two things you can smell.** If nothing stands out, move somewhere else or recall two
   smells you like.
5. **Notice one thing you can taste.** A sip of water, toothpaste, or simply the taste in your
   mouth.

Finish with one slower breath out, and notice whether anything has shifted, even slightly.

## Why it can help

Anxiety is partly a state of being pulled forward into imagined futures, or backward into
memories. Deliberately describing your present surroundings gives your mind a concrete, neutral
task that competes for the attention the anxious thoughts were using. It does not make anxiety
vanish, and it is not meant to. The aim is to lower the intensity enough that you can choose
what to do next.

## Making it your own

- **Go slowly.** Rushing through the list turns it into another task to get right. There is no
  right answer.
- **Change the numbers.** If five things feels like too much, try three things you can see, hear
  and feel.
- **Use a category.** Find everything blue in the room, or all the round objects.
- **Add movement.** Press your feet into the floor, hold something cold, or stretch your hands
  wide.
- **Practise when calm.** Skills are easier to use in a storm if you have rehearsed them on a
  calm day.

## If memories of trauma are involved

Grounding is widely used by people who experience flashbacks or feel detached from their
surroundings. If you live with memories of trauma, it can help to add a few orienting
statements: your name, today's date, where you are, and the words "I am safe right now". If
grounding alone is not enough, a trauma-informed therapist can help you build a wider set of
skills, and there are effective treatments for post-traumatic stress.

## When to seek more support

Grounding is a first-aid skill, not a treatment. Talk to your doctor or a therapist if:

- anxiety or panic is happening most days, or you are avoiding places and people
- you often feel unreal or detached from yourself
- you are using alcohol or other substances to cope
- you have thoughts of harming yourself, in which case please contact a crisis line or emergency
  services

Being able to come back to the present, even for a few seconds, is a skill that grows with
practice. Every time you try it, you are building it.
""",
        "hero_image_url": "https://media.smartmeditation.example/images/grounding-5-4-3-2-1.jpg",
        "hero_image_alt": "Bare feet resting on warm wooden floorboards beside a woven rug",
        "author": "maren-okafor",
        "topics": ["anxiety", "mindfulness"],
        "is_medical": False,
        "reviewer": "ifeoma-hartley",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": ["trauma"],
        "citations": [
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Generalised anxiety "
                    "disorder and panic disorder in adults: management. Clinical guideline CG113. "
                    "2011."
                ),
                "url": "https://www.nice.org.uk/guidance/cg113",
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Post-traumatic "
                    "stress disorder. NICE guideline NG116. 2018."
                ),
                "url": "https://www.nice.org.uk/guidance/ng116",
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "The 5-4-3-2-1 grounding technique for anxiety, step by step",
        "seo_description": (
            "Use your five senses to steady yourself when anxiety or flashbacks hit. How the "
            "5-4-3-2-1 technique works, and how to adapt it."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-05-26T08:00:00Z",
    },
    {
        "slug": "understanding-panic-attacks",
        "locale": "en",
        "title": "Understanding panic attacks",
        "subtitle": (
            "Why they feel so frightening, why they pass, and what helps in the moment and beyond"
        ),
        "summary": (
            "Panic attacks are intense surges of fear with strong physical symptoms. They are "
            "frightening but pass on their own, and panic responds well to treatment."
        ),
        "body_markdown": """\
A panic attack can arrive out of nowhere: your heart pounds, your chest tightens, you feel dizzy
or short of breath, and a wave of fear tells you something terrible is happening. Many people's
first panic attack sends them to an emergency department, convinced they are having a heart
attack or losing their mind. If this has happened to you, you are far from alone, and there is a
lot that helps.

## What is happening in your body

A panic attack is your body's alarm system firing when there is no physical danger to respond
to. Adrenaline surges, and your body prepares to fight or run:

- your heart beats faster and harder to move blood to your muscles
- your breathing speeds up, which can leave you light-headed, tingly or short of breath
- your muscles tense, sometimes causing chest tightness or trembling
- digestion slows, causing nausea or butterflies
- attention locks onto threat, and the world can feel unreal

These sensations are uncomfortable and genuinely scary. They are also similar to the changes
your body makes when you sprint for a bus, and a panic attack typically peaks within about ten
minutes and then eases.

## The panic cycle

Panic tends to feed on itself. A sensation, such as a skipped beat or a wave of dizziness, is
read as a sign of catastrophe ("I'm having a heart attack"). That increases fear, which
intensifies the sensations, which seems to confirm the catastrophe. Afterwards it is natural to
start watching your body closely and to avoid places where attacks happened. Over time, that
watchfulness and avoidance can make attacks more likely and life smaller.

## In the moment

- **Name it.** "This is a panic attack. It is very uncomfortable, and it will pass."
- **Slow the out-breath.** Breathe in gently through your nose, then breathe out slowly for a
  little longer than you breathed in. Avoid gulping big breaths.
- **Stay if you can.** Leaving teaches your brain that escape was what saved you. If you can
  stay, even for a few more minutes, you learn that panic passes on its own.
- **Ground yourself.** Press your feet into the floor and describe what you can see and hear.
- **Let the wave rise and fall.** Fighting the sensations tends to add fuel. Imagine them as a
  wave you are floating over.

## Get checked first

Because panic symptoms overlap with some medical problems, it is important to have chest pain,
fainting or breathlessness checked by a doctor, especially the first time or if the pattern
changes. Call emergency services if you have chest pain with sweating, pain spreading into your
arm or jaw, or if you are unsure. Once physical causes have been ruled out, you can approach
future attacks with more confidence.

## Treatment works

If attacks are frequent, or you are avoiding situations for fear of another one, you may have
panic disorder. This is very treatable. Cognitive behavioural therapy (CBT) for panic is
recommended as a first-line treatment. It helps you understand the cycle, test out frightening
predictions, and gradually return to the places you have been avoiding. Some people are also
offered medication, such as an SSRI antidepressant, and a doctor can talk you through the
options.

Caffeine, alcohol hangovers, poor sleep, and some drugs and medicines can make panic more
likely. It can be worth reviewing these with your doctor.

## A gentle reminder

Panic attacks can make you feel fragile, but having them says nothing about your strength. They
are a sign of an alarm system that has become oversensitive, and alarm systems can be
recalibrated.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/understanding-panic-attacks.jpg"
        ),
        "hero_image_alt": "A single wave rising and breaking on an empty beach under a pale sky",
        "author": "tomas-lindqvist-reyes",
        "topics": ["anxiety", "breathing"],
        "is_medical": False,
        "reviewer": "samuel-achterberg",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": [],
        "citations": [
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Generalised anxiety "
                    "disorder and panic disorder in adults: management. Clinical guideline CG113. "
                    "2011."
                ),
                "url": "https://www.nice.org.uk/guidance/cg113",
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Clark DM. A cognitive approach to panic. Behav Res Ther. 1986;24(4):461-470."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "Understanding panic attacks: why they happen and what helps",
        "seo_description": (
            "What happens in your body during a panic attack, how the panic cycle works, what to "
            "do in the moment, and why CBT for panic works."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-06-16T08:00:00Z",
    },
    {
        "slug": "burnout-or-depression",
        "locale": "en",
        "title": "Burnout or depression? How to tell the difference",
        "subtitle": (
            "They overlap, but they are not the same, and the difference matters for what helps"
        ),
        "summary": (
            "Burnout is tied to chronic work stress, while depression tends to colour every part "
            "of life. Both are real, both deserve care, and a clinician can help you work out what "
            "is going on."
        ),
        "body_markdown": """\
"I'm just burnt out" is something many people say when they are exhausted, flat and struggling
to care about work. Sometimes that is exactly right. Sometimes it is depression wearing a more
acceptable name. Telling them apart is not always easy, even for professionals, but
understanding the differences can help you decide what to do next.

## What burnout is

The World Health Organization describes burnout as an occupational phenomenon rather than a
medical condition. It results from chronic workplace stress that has not been successfully
managed, and it has three features:

- feeling exhausted or depleted
- growing mental distance from your job, or feeling negative and cynical about it
- a sense of being less effective at work

Burnout is defined in relation to work. Many people with burnout can still enjoy time with
friends, hobbies or holidays, at least once they have had some rest.

## What depression is

Depression is a health condition that affects mood, thinking and the body across most areas of
life. Common signs, present most of the day on most days for at least two weeks, include:

- persistent low mood, emptiness or hopelessness
- loss of interest or pleasure in things you usually enjoy, not only work
- changes in sleep and appetite
- tiredness and low energy
- difficulty concentrating or making decisions
- feelings of worthlessness or excessive guilt
- thoughts that life is not worth living

## Questions that can help

Ask yourself honestly:

1. **Does it lift away from work?** If a weekend or holiday brings some relief and enjoyment,
   burnout is more likely. If nothing brings pleasure any more, depression is more likely.
2. **How do you see yourself?** Burnout often brings frustration with your job. Depression tends
   to turn criticism inward: "I'm useless", "I'm a burden".
3. **How long, and how much of life?** Depression tends to spread into relationships, self-care
   and how you see the future.
4. **Are there thoughts of death or suicide?** These are never just burnout, and they always
   deserve prompt attention.

## They can overlap

Long periods of burnout can lead to depression, and depression makes work feel harder, which can
look like burnout. You do not need to find the right label before asking for help. A doctor or
psychologist can assess what is going on, check for physical causes of exhaustion such as
anaemia or thyroid problems, and suggest next steps.

## What helps

For burnout, changing the conditions is central: workload, control, recognition, fairness and
support. That might mean a conversation with your manager or occupational health, reduced hours,
or time off, alongside rest and recovery.

For depression, evidence-based treatments include talking therapies such as CBT and behavioural
activation, and for some people antidepressant medication. Rest alone often does not lift
depression, and waiting for it to pass can mean struggling for longer than necessary.

For both, small daily anchors help: regular sleep and meals, time outside, movement you can
manage, and contact with people who help you feel more like yourself.

## When to get help urgently

If you are having thoughts of ending your life, please contact your local emergency number or a
crisis line today. You deserve support now, not only when things get worse.
""",
        "hero_image_url": "https://media.smartmeditation.example/images/burnout-or-depression.jpg",
        "hero_image_alt": "An office desk at dusk with a closed laptop and a cold cup of tea",
        "author": "ifeoma-hartley",
        "topics": ["stress", "depression"],
        "is_medical": False,
        "reviewer": "samuel-achterberg",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": ["suicide"],
        "citations": [
            {
                "text": (
                    "World Health Organization. Burn-out an 'occupational phenomenon': "
                    "International Classification of Diseases. News release, 28 May 2019."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Maslach C, Leiter MP. Understanding the burnout experience: recent research "
                    "and its implications for psychiatry. World Psychiatry. 2016;15(2):103-111."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Depression in "
                    "adults: treatment and management. NICE guideline NG222. 2022."
                ),
                "url": "https://www.nice.org.uk/guidance/ng222",
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "Burnout or depression? Key differences and what helps",
        "seo_description": (
            "Burnout and depression share exhaustion and low motivation, but differ in important "
            "ways. Questions to ask yourself, and when to get help."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-09-01T08:00:00Z",
    },
    {
        "slug": "behavioural-activation-small-steps",
        "locale": "en",
        "title": "Small steps when everything feels heavy",
        "subtitle": "How behavioural activation helps you act your way out of low mood",
        "summary": (
            "Depression tells you to wait until you feel like doing things. Behavioural activation "
            "turns that around: small, planned actions come first, and mood often follows."
        ),
        "body_markdown": """\
When you are depressed, everyday things can feel impossible. Getting dressed, replying to a
message or going outside can take enormous effort, so it makes sense that you do less. The
trouble is that doing less usually means fewer moments of pleasure, achievement or connection.
That deepens low mood, which makes it even harder to act. Behavioural activation (BA) is a
well-researched therapy designed to break that cycle, and its core ideas are simple enough to
start using today.

## Action before motivation

The central idea of BA is that you do not have to wait until you feel motivated. In depression,
motivation often comes after action rather than before it. So instead of asking "Do I feel like
it?", BA asks "Is this a small step towards something that matters to me?"

Research supports this approach. Reviews of randomised trials show that BA is an effective
treatment for depression, and a large UK trial found that BA delivered by junior mental health
workers worked about as well as cognitive behavioural therapy delivered by more experienced
therapists.

## Step 1: Notice what you do now

For a few days, jot down roughly what you do in each part of the day and rate your mood from 0
to 10. You might add two quick ratings for each activity: how much pleasure it gave you, and how
much sense of achievement. Patterns often appear, such as mornings in bed being the lowest
point, or a short walk lifting mood slightly.

## Step 2: Choose what matters

Think about the areas of life that matter to you: relationships, health, work or study,
creativity, home, community. For each one, what is one thing that would feel worthwhile, however
small?

## Step 3: Make it smaller

Depression makes normal-sized tasks feel huge, so break things down until the first step feels
almost too easy:

- not "clean the flat", but "clear the kitchen table"
- not "get fit", but "walk to the end of the street and back"
- not "reconnect with friends", but "send one message to one person"

## Step 4: Plan it, then do it

Write the step into a specific time and place: "After my morning tea, I will walk to the end of
the street." Plans tied to a time and an existing habit are much more likely to happen than good
intentions.

## Step 5: Review kindly

Afterwards, note what you did and how it felt, even if the change was tiny. If it did not
happen, treat that as information rather than failure. Was the step too big, the timing wrong,
or something in the way? Adjust and try again.

## Common obstacles

- **"I didn't enjoy it."** Pleasure often returns slowly in depression. For now, count doing it
  as the win.
- **"It's pointless."** That thought is a symptom of depression. Notice it, and take the step
  anyway if you can.
- **"I did one thing and then nothing else."** One thing is a real start. Build from there.
- **Avoidance.** Avoiding things brings short-term relief and, over time, a smaller life. Gently
  approaching them is part of the work.

## Getting support

BA is often delivered by a therapist over several sessions, and it can sit alongside medication.
If low mood has lasted more than two weeks, is affecting daily life, or comes with thoughts of
suicide, please talk to your doctor. If you feel unsafe, contact emergency services or a crisis
line.

Small steps may not look like much from the outside. From the inside, each one is a vote for the
life you want to get back to.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/behavioural-activation-small-steps.jpg"
        ),
        "hero_image_alt": (
            "A pair of walking shoes by a front door with morning light coming through the glass"
        ),
        "author": "tomas-lindqvist-reyes",
        "topics": ["depression"],
        "is_medical": False,
        "reviewer": "maren-okafor",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": [],
        "citations": [
            {
                "text": (
                    "Ekers D, Webster L, Van Straten A, Cuijpers P, Richards D, Gilbody S. "
                    "Behavioural activation for depression; an update of meta-analysis of "
                    "effectiveness and sub group analysis. PLoS One. 2014;9(6):e100100."
                ),
                "url": None,
                "doi": "10.1371/journal.pone.0100100",
                "pmid": None,
            },
            {
                "text": (
                    "Richards DA, Ekers D, McMillan D, et al. Cost and outcome of behavioural "
                    "activation versus cognitive behavioural therapy for depression (COBRA): a "
                    "randomised, controlled, non-inferiority trial. Lancet. "
                    "2016;388(10047):871-880."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Depression in "
                    "adults: treatment and management. NICE guideline NG222. 2022."
                ),
                "url": "https://www.nice.org.uk/guidance/ng222",
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "Behavioural activation: small steps out of low mood",
        "seo_description": (
            "Why motivation often follows action in depression, and a five-step behavioural "
            "activation plan you can start today."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-07-21T08:00:00Z",
    },
    {
        "slug": "self-compassion-when-you-are-struggling",
        "locale": "en",
        "title": "Self-compassion when you are struggling",
        "subtitle": (
            "Treating yourself with the kindness you would offer a friend, and why it is not "
            "self-indulgence"
        ),
        "summary": (
            "Self-compassion means meeting your own pain with warmth instead of harsh criticism. "
            "It is a learnable skill linked with lower anxiety and depression, and it can start "
            "with a single sentence."
        ),
        "body_markdown": """\
Think of the last time a close friend told you they had made a mistake or were going through a
hard time. You probably responded with patience and warmth. Now think about how you speak to
yourself when you struggle. For many people, especially those living with depression or anxiety,
the inner voice is far harsher: "You idiot", "Everyone else copes", "What's wrong with you?"

Self-compassion is the practice of turning some of that kindness inward. It is not about
pretending everything is fine or letting yourself off the hook. It is about meeting difficulty
with the kind of care that helps people recover and grow.

## Three parts of self-compassion

The psychologist Kristin Neff, whose research helped define the idea, describes three parts:

- **Self-kindness** rather than self-judgement: responding to your own pain with warmth and
  understanding.
- **Common humanity** rather than isolation: remembering that suffering and imperfection are
  part of being human, not evidence that you alone are failing.
- **Mindfulness** rather than over-identification: noticing painful thoughts and feelings
  clearly, without ignoring them or being swept away by them.

## Common worries about self-compassion

**"Won't I become lazy?"** Research suggests the opposite. In experiments, people encouraged to
be kind to themselves after a setback were more motivated to improve, not less, perhaps because
failure felt less threatening.

**"Isn't it self-pity?"** Self-pity tends to feel absorbed in your own problems and cut off from
others. Self-compassion connects your experience with everyone else's.

**"It feels fake."** That is very common at first, especially if you grew up with a lot of
criticism. Like any skill, it feels awkward before it feels natural.

## A three-step pause

When you notice you are struggling, try this:

1. **Name it.** "This is a really hard moment," or "I'm feeling ashamed right now."
2. **Connect.** "I'm not the only one who feels this way. Struggle is part of life."
3. **Offer kindness.** "May I be patient with myself," or "What do I need right now?" Some
   people find that placing a hand on their chest or arm helps.

It takes less than a minute. The words do not need to be perfect; the intention matters more.

## Other ways in

- **The friend test.** Ask what you would say to a friend in this situation. Then say it to
  yourself, in the same tone.
- **Write a letter.** Write to yourself about something you feel ashamed of, from the point of
  view of a kind, wise friend who knows all about you.
- **Look after the basics.** Rest, food and time outside are acts of self-compassion too.
- **Use a guided practice.** Loving-kindness meditations, like the ones in this app, help you
  rehearse warmth towards yourself.

## When it feels hard

Sometimes offering yourself kindness stirs up sadness or old pain, particularly for people who
experienced neglect or harsh treatment growing up. That does not mean you are doing it wrong. Go
gently, keep practices short, and consider exploring this with a therapist. Compassion-focused
therapy is one approach designed for people with high levels of shame and self-criticism.

If your inner critic is telling you that you do not deserve to live, please reach out to a
crisis line or emergency services. That voice reflects how much pain you are in; it is not the
truth about you.

Many of us have spent years practising self-criticism. It is worth spending a little time
practising the alternative.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/"
            "self-compassion-when-you-are-struggling.jpg"
        ),
        "hero_image_alt": "Two hands cupped around a warm mug on a rainy windowsill",
        "author": "noor-haddad-whitfield",
        "topics": ["self-compassion", "depression", "anxiety"],
        "is_medical": False,
        "reviewer": "maren-okafor",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": [],
        "citations": [
            {
                "text": (
                    "Neff KD. Self-compassion: an alternative conceptualization of a healthy "
                    "attitude toward oneself. Self and Identity. 2003;2(2):85-101."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Neff KD, Germer CK. A pilot study and randomized controlled trial of the "
                    "mindful self-compassion program. J Clin Psychol. 2013;69(1):28-44."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "MacBeth A, Gumley A. Exploring compassion: a meta-analysis of the association "
                    "between self-compassion and psychopathology. Clin Psychol Rev. "
                    "2012;32(6):545-552."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Breines JG, Chen S. Self-compassion increases self-improvement motivation. "
                    "Pers Soc Psychol Bull. 2012;38(9):1133-1143."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "Self-compassion when you are struggling: a practical guide",
        "seo_description": (
            "What self-compassion is and is not, why it helps rather than makes you lazy, and a "
            "one-minute practice for hard moments."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-08-18T08:00:00Z",
    },
    {
        "slug": "breaking-the-rumination-loop",
        "locale": "en",
        "title": "Breaking the rumination loop",
        "subtitle": "When thinking about a problem stops helping, and what to do instead",
        "summary": (
            "Rumination is repetitive dwelling on problems, feelings and their causes. It feels "
            "like problem-solving but usually deepens low mood; shifting from why to how, and from "
            "thinking to doing, can help."
        ),
        "body_markdown": """\
Have you ever lain awake going over the same conversation, asking yourself why you said that,
why you always feel this way, what is wrong with you? Hours later you feel worse, and no closer
to an answer. That pattern is called rumination, and it is one of the main ways that low mood
and anxiety keep themselves going.

## What rumination is

Rumination is repetitive, passive thinking about your problems, your feelings, and their causes
and consequences. It often:

- circles around why questions: "Why me?", "Why can't I cope?"
- replays the past, or imagines how things will go wrong
- feels urgent and important, as if stopping would be careless
- leaves you feeling more stuck, not less

Worry is a close cousin that tends to focus on the future ("What if...?"), while rumination more
often focuses on the past and on yourself. Both can be exhausting.

## Why it is so sticky

Rumination feels like problem-solving, which is why it is hard to give up. Many people believe
that if they think hard enough, they will finally understand and feel better. Research suggests
otherwise: abstract, evaluative thinking about distress tends to prolong low mood, drain
motivation and make concrete solutions harder to see. People who ruminate a lot are more likely
to have longer and more frequent episodes of depression.

## Helpful reflection or rumination?

A useful check is to ask yourself: is this thinking leading me towards a next step?

- Helpful reflection is concrete and specific: what exactly happened, and what is one thing I
  could do about it?
- Rumination is abstract and judgemental: what does this say about me, and why does this always
  happen?

If after a few minutes you have no clearer idea of what to do, you are probably ruminating.

## Ways to step out of the loop

- **Notice and name it.** Saying "I'm ruminating" creates a little distance from the content.
- **Switch from why to how.** Instead of "Why do I feel this way?", try "How could I look after
  myself in the next hour?"
- **Get concrete.** Describe the situation in specific, sensory detail: where you were, what was
  said, what you felt in your body. Specific detail tends to loosen the grip of sweeping
  conclusions.
- **Do something absorbing.** Activities that need your attention, such as a puzzle, cooking, a
  walk with a podcast or a call with a friend, compete with the loop. This is not avoidance if
  you come back to solvable problems later.
- **Schedule thinking time.** Give worries and ruminations a 15-minute slot each day. When they
  show up at other times, note them down and postpone them.
- **Practise mindfulness.** Mindfulness trains you to see thoughts as passing mental events
  rather than facts or instructions. Mindfulness-based cognitive therapy, which combines this
  with CBT, reduces the risk of relapse for people with recurrent depression.
- **Spot your triggers.** Being alone, tired, lying in bed, or scrolling late at night are
  common ones. Small changes to those moments can help.

## Be patient with your mind

Your mind ruminates because it is trying to protect you by solving a problem. You do not need to
fight it. Each time you notice the loop and gently step out of it, you are practising a new
habit. The loop may return many times, and that is normal.

## When to seek help

If rumination comes with persistent low mood, loss of interest, or difficulty functioning for
more than two weeks, talk to your doctor or a therapist. Rumination-focused CBT and
mindfulness-based approaches are designed for exactly this. If your thoughts turn to harming
yourself, please contact a crisis line or emergency services.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/breaking-the-rumination-loop.jpg"
        ),
        "hero_image_alt": "A spiral staircase seen from above, fading into soft light",
        "author": "noor-haddad-whitfield",
        "topics": ["depression", "anxiety", "mindfulness"],
        "is_medical": False,
        "reviewer": "ifeoma-hartley",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": [],
        "citations": [
            {
                "text": (
                    "Nolen-Hoeksema S, Wisco BE, Lyubomirsky S. Rethinking rumination. Perspect "
                    "Psychol Sci. 2008;3(5):400-424."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Watkins ER. Constructive and unconstructive repetitive thought. Psychol Bull. "
                    "2008;134(2):163-206."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Kuyken W, Warren FC, Taylor RS, et al. Efficacy of mindfulness-based "
                    "cognitive therapy in prevention of depressive relapse: an individual patient "
                    "data meta-analysis from randomized trials. JAMA Psychiatry. "
                    "2016;73(6):565-574."
                ),
                "url": None,
                "doi": "10.1001/jamapsychiatry.2016.0076",
                "pmid": None,
            },
        ],
        "seo_title": "Breaking the rumination loop: how to stop overthinking",
        "seo_description": (
            "Why going over and over problems deepens low mood, how to tell rumination from "
            "helpful reflection, and practical ways to step out of the loop."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-09-29T08:00:00Z",
    },
    {
        "slug": "caffeine-alcohol-and-anxiety",
        "locale": "en",
        "title": "Caffeine, alcohol and anxiety",
        "subtitle": "How two everyday drinks can turn up anxiety, and how to cut back safely",
        "summary": (
            "Caffeine can mimic and magnify anxiety, and the short-term calm of alcohol is often "
            "followed by rebound anxiety and poorer sleep. Small, gradual changes can make a "
            "noticeable difference."
        ),
        "body_markdown": """\
Coffee to get going, a drink to wind down: for many people, caffeine and alcohol are part of the
rhythm of the day. If you live with anxiety, though, both can quietly make things harder. This
is not about giving anything up forever. It is about understanding how these drinks interact
with anxiety so you can make choices that suit you.

## How caffeine affects anxiety

Caffeine works mainly by blocking adenosine, a chemical that builds up while you are awake and
makes you feel sleepy. It also increases alertness and produces effects similar to adrenaline.
At higher doses, or in sensitive people, it can cause:

- a racing or pounding heart
- restlessness, jitteriness and trembling
- a churning stomach
- irritability and difficulty concentrating
- trouble getting to sleep

That list looks a lot like anxiety. For someone prone to panic, caffeine-induced sensations can
be misread as danger and trigger an attack.

For most healthy adults, European food safety experts consider up to about 400 mg of caffeine a
day unlikely to cause harm, with a lower limit in pregnancy. That is roughly three to four mugs
of brewed coffee, though drinks vary widely. But safe is not the same as right for you, and some
people feel anxious on much less. Energy drinks, pre-workout supplements, some cold and flu
remedies and strong tea can add more than you realise.

Caffeine's effects last several hours, so an afternoon coffee can still be active at bedtime,
and poor sleep makes anxiety worse the next day.

## How alcohol affects anxiety

Alcohol slows activity in the nervous system, which is why the first drink can feel calming. As
it wears off, the brain rebounds, and many people feel more on edge the next day. Alcohol also:

- disrupts sleep in the second half of the night, causing early waking
- can lower mood over time
- makes it harder to learn that you can cope with anxiety without it
- interacts with many medicines

Using alcohol to manage anxiety can become a cycle: drinking to feel calmer, feeling worse
afterwards, and drinking again.

## Alcohol and medicines

Alcohol can be dangerous with medicines that cause drowsiness, such as benzodiazepines, sleeping
tablets, some painkillers and some antidepressants. Together they can slow breathing and impair
judgement and coordination. Read your medicine leaflet, and ask your pharmacist or prescriber
what is safe for you.

## Cutting back without making things worse

- **Track first.** For a week, note what you drink, when, and how anxious you feel. Patterns are
  easier to change once you can see them.
- **Reduce caffeine gradually.** Stopping suddenly can cause headaches, tiredness and
  irritability for a few days. Swap one drink at a time for decaf, herbal tea or water.
- **Set a caffeine cut-off,** such as midday, and see what happens to your sleep.
- **Plan alcohol-free days** and have an alternative evening wind-down ready, such as a walk, a
  shower or a breathing practice.
- **Notice the urge.** When you want a drink to calm down, pause and name the feeling first. A
  few minutes of slow breathing can take the edge off.

## An important safety note

If you drink heavily every day, do not stop suddenly. Alcohol withdrawal can cause shaking,
sweating, hallucinations and seizures, and it can be life-threatening. Talk to your doctor, who
can help you cut down safely, sometimes with medical support. If you are worried about your
drinking or drug use, you are not alone, and free, confidential services can help.

## When to get support

If anxiety is affecting your daily life, or you find it hard to cut down, speak to your doctor.
Effective treatments for anxiety, and support with drinking, are available, and asking for help
is a sensible step, not a sign of failure.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/caffeine-alcohol-and-anxiety.jpg"
        ),
        "hero_image_alt": "A coffee cup and a wine glass standing side by side on a wooden table",
        "author": "noor-haddad-whitfield",
        "topics": ["anxiety", "sleep", "stress"],
        "is_medical": True,
        "reviewer": "lena-castellanos",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": ["substance_use"],
        "citations": [
            {
                "text": (
                    "EFSA Panel on Dietetic Products, Nutrition and Allergies (NDA). Scientific "
                    "opinion on the safety of caffeine. EFSA Journal. 2015;13(5):4102."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Smith A. Effects of caffeine on human behavior. Food Chem Toxicol. "
                    "2002;40(9):1243-1255."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Alcohol-use "
                    "disorders: diagnosis, assessment and management of harmful drinking "
                    "(high-risk drinking) and alcohol dependence. Clinical guideline CG115. 2011."
                ),
                "url": "https://www.nice.org.uk/guidance/cg115",
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Generalised anxiety "
                    "disorder and panic disorder in adults: management. Clinical guideline CG113. "
                    "2011."
                ),
                "url": "https://www.nice.org.uk/guidance/cg113",
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "Caffeine, alcohol and anxiety: how they interact",
        "seo_description": (
            "How caffeine mimics anxiety, why alcohol's calm does not last, how both affect sleep, "
            "and how to cut back safely."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-10-13T08:00:00Z",
    },
    {
        "slug": "slow-breathing-for-stress",
        "locale": "en",
        "title": "Slow breathing for stress: a practical guide",
        "subtitle": (
            "Why lengthening your breath can calm your body, and how to practise without overdoing "
            "it"
        ),
        "summary": (
            "Breathing slowly, with a longer out-breath, is one of the quickest ways to nudge your "
            "nervous system towards calm. A few minutes a day is enough to start."
        ),
        "body_markdown": """\
Breathing is unusual: it happens automatically, yet you can take control of it at any moment.
That makes it a direct line into your stress response. When you are stressed, breathing tends to
become faster and higher in the chest. Deliberately slowing it down sends the opposite message
to your body.

## Why slow breathing helps

Your heart rate naturally rises a little as you breathe in and falls as you breathe out. Slowing
your breathing, particularly the out-breath, increases that rhythmic variation and engages the
calming, parasympathetic branch of your nervous system. Studies of slow breathing, generally
fewer than ten breaths a minute, link it with changes in heart rate variability and with people
feeling more relaxed and less anxious. Research in this area is still developing and many
studies are small, but slow breathing is low-risk, free, and available wherever you are.

## The basics

- **Breathe through your nose if you can.** It naturally slows and warms the breath.
- **Let the belly move.** Place a hand on your stomach and feel it rise gently as you breathe
  in.
- **Lengthen the out-breath.** Make it a little longer than the in-breath, as if you were slowly
  fogging a window.
- **Keep it gentle.** Slow does not mean deep. Big, forceful breaths can make you light-headed.

## Three practices to try

**Extended exhale, 2 to 5 minutes.** Breathe in for a count of four and out for a count of six.
If that feels strained, try in for three and out for five. This is a good choice for winding
down before sleep.

**Resonant breathing, 5 to 10 minutes.** Aim for about six breaths a minute: in for five
seconds, out for five seconds. Many people find a paced audio guide helpful, like the breathing
tracks in this app.

**Box breathing, 1 to 3 minutes.** Breathe in for four, hold for four, out for four, hold for
four. The structure can be steadying when your mind is busy. If holding your breath makes you
anxious, leave the holds out.

## Making it a habit

Practising when you are already calm is what makes breathing useful when you are stressed. Try
linking a couple of minutes to something you do every day, such as your first coffee, the walk
from the car, or getting into bed. Short and regular beats long and occasional.

## Take care if

- **You feel dizzy or tingly.** You may be breathing too deeply or too fast. Return to normal
  breathing and try again more gently.
- **Focusing on the breath makes you more anxious.** This is common, especially with panic. Try
  keeping your eyes open, counting on your fingers, or focusing on your feet instead.
- **You have a heart or lung condition, or are pregnant.** Gentle slow breathing is usually
  fine, but avoid long breath holds and check with your clinician if you are unsure.

## Breathing is one tool

Slow breathing can take the edge off stress, but it cannot fix the causes, and on its own it is
not a treatment for anxiety disorders or depression. If stress is affecting your sleep, health
or relationships most days, talk to your doctor or a therapist about further support.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/slow-breathing-for-stress.jpg"
        ),
        "hero_image_alt": "Mist lifting slowly off a still lake at sunrise",
        "author": "noor-haddad-whitfield",
        "topics": ["breathing", "stress", "anxiety"],
        "is_medical": False,
        "reviewer": "maren-okafor",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": [],
        "citations": [
            {
                "text": (
                    "Zaccaro A, Piarulli A, Laurino M, et al. How breath-control can change your "
                    "life: a systematic review on psycho-physiological correlates of slow "
                    "breathing. Front Hum Neurosci. 2018;12:353."
                ),
                "url": None,
                "doi": "10.3389/fnhum.2018.00353",
                "pmid": None,
            },
            {
                "text": (
                    "Lehrer PM, Gevirtz R. Heart rate variability biofeedback: how and why does it "
                    "work? Front Psychol. 2014;5:756."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "Slow breathing for stress: three techniques to try",
        "seo_description": (
            "How slow breathing calms the stress response, three simple techniques (extended "
            "exhale, resonant and box breathing), and when to take care."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-06-02T08:00:00Z",
    },
    {
        "slug": "talking-to-your-prescriber",
        "status": "draft",
        "locale": "en",
        "title": "Getting the most from a medication review",
        "subtitle": "How to prepare for appointments about your mental health medicines",
        "summary": (
            "Short appointments go further with a little preparation. A list of your medicines, "
            "the changes you have noticed and the questions you want answered helps you and your "
            "prescriber decide together."
        ),
        "body_markdown": """\
Appointments about medication can feel rushed, and it is easy to leave having forgotten the
question that mattered most. A little preparation helps you and your prescriber make decisions
together, which is how good prescribing is meant to work.

## Before the appointment

- **Make a complete medicines list.** Include everything you take: prescribed medicines,
  over-the-counter products, supplements, herbal remedies, and anything you take only now and
  then. Note the dose and when you take it.
- **Be honest about how you actually take them.** If you miss doses, take them at different
  times, or have stopped something, say so. Prescribers can only help with the real picture.
- **Jot down changes.** How have your mood, sleep, energy, appetite and concentration been since
  the last review? A week or two of brief notes is more reliable than memory.
- **List side effects,** including ones that feel awkward to mention, such as sexual side
  effects or weight change.
- **Mention alcohol and other substances.** They affect how medicines work and how safe they
  are.
- **Write down your top three questions,** with the most important one first.

## Questions worth asking

1. What is this medicine for, and how will we know if it is working?
2. What side effects should I expect, and which ones mean I should contact you?
3. How long might I need to take it?
4. What should I do if I miss a dose?
5. Does it interact with anything else I take?
6. If I want to stop or change it one day, how would we do that safely?

## During the appointment

- It is fine to bring someone with you, or to take notes.
- If you do not understand something, ask for it to be explained another way.
- If a decision feels rushed, you can ask for time to think it over, unless it is urgent.
- Before you leave, check that you know the plan: what changes, when, and when you will next be
  reviewed.

## Your pharmacist can help too

Pharmacists are medicines experts and are often easier to reach than prescribers. They can help
with interactions, side effects, missed doses, and practical questions such as whether a tablet
can be split.

## A reminder

Please do not change or stop a mental health medicine on your own, even if you feel much better
or the side effects are difficult. Some medicines need to be reduced slowly, and sudden changes
can cause withdrawal symptoms or a return of symptoms. If you are struggling between
appointments, contact your prescriber or care team, and if you feel unsafe, contact emergency
services or a crisis line.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/talking-to-your-prescriber.jpg"
        ),
        "hero_image_alt": (
            "A handwritten list of questions on a clipboard beside a pen and a pill organiser"
        ),
        "author": "maren-okafor",
        "topics": ["medication"],
        "is_medical": True,
        "reviewer": "lena-castellanos",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": ["medication_change"],
        "citations": [
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Shared decision "
                    "making. NICE guideline NG197. 2021."
                ),
                "url": "https://www.nice.org.uk/guidance/ng197",
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Medicines "
                    "optimisation: the safe and effective use of medicines to enable the best "
                    "possible outcomes. NICE guideline NG5. 2015."
                ),
                "url": "https://www.nice.org.uk/guidance/ng5",
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "How to prepare for a medication review: a checklist",
        "seo_description": (
            "What to bring, what to ask and how to make shared decisions at appointments about "
            "your mental health medicines."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-11-17T08:00:00Z",
    },
    {
        "slug": "higiene-del-sueno-que-funciona",
        "translation_of": "sleep-hygiene-that-actually-helps",
        "locale": "es",
        "title": "Hábitos de sueño que de verdad ayudan",
        "subtitle": (
            "Una mirada realista a la higiene del sueño: qué es lo más importante y qué hacer "
            "cuando no basta"
        ),
        "summary": (
            "Los buenos hábitos de sueño no resuelven por sí solos el insomnio de larga duración, "
            "pero algunos importan mucho. Empieza por una hora fija para levantarte, luz por la "
            "mañana y un margen para desconectar antes de acostarte."
        ),
        "body_markdown": """\
Cuando el sueño se tuerce, los consejos llegan de todas partes: nada de pantallas, nada de
cafeína, lavanda, almohadas especiales. Algunos ayudan y otros solo añaden presión. Las
investigaciones sugieren que los hábitos de sueño, por sí solos, tienen un efecto modesto sobre
el insomnio de larga duración, pero unos pocos marcan una diferencia real y son la base de otros
enfoques. Estos son los que merecen tu energía.

## 1. Fija tu hora de levantarte

Si solo cambias una cosa, que sea esta. Levantarte más o menos a la misma hora todos los días,
también los fines de semana, estabiliza tu reloj biológico. Además, acumula presión de sueño, el
impulso de dormir que crece con cada hora de vigilia. Quedarte en la cama después de una mala
noche parece un gesto amable contigo, pero a menudo complica la noche siguiente.

## 2. Busca luz natural temprano

La luz de la primera o las dos primeras horas después de despertar es la señal más potente que
recibe tu reloj biológico. Abre las cortinas, desayuna junto a una ventana o da un paseo corto
al aire libre. Incluso una mañana nublada es mucho más luminosa que la luz de interior.

## 3. Ponle hora límite a la cafeína

La cafeína bloquea la adenosina, una de las sustancias que acumulan presión de sueño, y sus
efectos duran varias horas. Si eres sensible a ella, prueba a dejar el café, el té fuerte, las
bebidas energéticas y los refrescos de cola para la mañana, y observa si tu sueño cambia en un
par de semanas.

## 4. Desconfía del alcohol como ayuda para dormir

El alcohol puede darte sueño, pero fragmenta el descanso en la segunda mitad de la noche y
reduce el sueño REM, la fase en la que más se sueña. Una copa para dormir suele traer un
despertar temprano y la cabeza más pesada.

## 5. Date un margen para desconectar

Tu mente necesita una pista de aterrizaje. En los últimos 30 a 60 minutos antes de acostarte:

- baja las luces y el ritmo
- deja el trabajo, las conversaciones difíciles y las noticias para más temprano
- elige algo tranquilo y predecible, como una ducha, leer, estirarte o escuchar una historia
  para dormir
- si las preocupaciones hacen mucho ruido, escríbelas junto con un siguiente paso para cada una
  y luego cierra el cuaderno

Las pantallas no están prohibidas. El contenido estimulante y las ganas de seguir deslizando el
dedo suelen ser un problema mayor que la propia luz.

## 6. Haz que el dormitorio invite a dormir

La regla general es fresco, oscuro y silencioso. Los tapones para los oídos, un antifaz o un
sonido de fondo constante pueden ayudar si no puedes controlar el ruido o la luz. Deja el reloj
fuera de la vista; mirar la hora suele alimentar la frustración.

## 7. Con las siestas, cuidado

Si necesitas una siesta, que sea corta, de unos 20 minutos, y antes de media tarde. Las siestas
largas o tardías agotan la presión de sueño que necesitas por la noche.

## Lo que la higiene del sueño no puede hacer

Si te ha costado dormir al menos tres noches por semana durante tres meses o más, puede que
tengas insomnio crónico. Es frecuente y tiene muy buen tratamiento, normalmente la terapia
cognitivo-conductual para el insomnio (TCC-I), que va mucho más allá de estos hábitos. Nuestro
artículo sobre la TCC-I (disponible en inglés) explica cómo funciona.

Habla con tu médico si:

- roncas fuerte, jadeas o dejas de respirar mientras duermes, o te despiertas sin sensación de
  descanso por mucho que duermas
- al final del día sientes una necesidad irresistible de mover las piernas
- el mal sueño llegó junto con bajo estado de ánimo, preocupación o un cambio en tu medicación
- te vence el sueño en situaciones en las que puede ser peligroso, como al conducir

## Sé amable contigo

El sueño no se puede forzar, y esforzarse mucho por dormir es una de las formas más seguras de
espantarlo. Piensa en estos hábitos como una manera de preparar las condiciones para el sueño y,
después, dejar que llegue a su ritmo. Algunas noches seguirán siendo difíciles. Eso forma parte
de ser humano, no es una señal de que hayas fracasado.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/higiene-del-sueno-que-funciona.jpg"
        ),
        "hero_image_alt": "Luz de la mañana sobre una cama sin hacer y un suelo de madera",
        "author": "ifeoma-hartley",
        "topics": ["sleep"],
        "is_medical": False,
        "reviewer": "tomas-lindqvist-reyes",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": [],
        "citations": [
            {
                "text": (
                    "Irish LA, Kline CE, Gunn HE, Buysse DJ, Hall MH. The role of sleep hygiene in "
                    "promoting public health: a review of empirical evidence. Sleep Med Rev. "
                    "2015;22:23-36."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Riemann D, Baglioni C, Bassetti C, et al. European guideline for the "
                    "diagnosis and treatment of insomnia. J Sleep Res. 2017;26(6):675-700."
                ),
                "url": None,
                "doi": "10.1111/jsr.12594",
                "pmid": None,
            },
        ],
        "seo_title": "Higiene del sueño que de verdad ayuda: 7 hábitos que valen la pena",
        "seo_description": (
            "Qué hábitos de sueño importan más, por qué levantarte siempre a la misma hora ayuda "
            "más que acostarte temprano y cuándo dormir mal necesita algo más que higiene del "
            "sueño."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-05-22T07:30:00Z",
    },
    {
        "slug": "tecnica-de-anclaje-5-4-3-2-1",
        "translation_of": "grounding-5-4-3-2-1",
        "locale": "es",
        "title": "La técnica de anclaje 5-4-3-2-1",
        "subtitle": "Una forma sencilla de volver al presente cuando la ansiedad se dispara",
        "summary": (
            "Cuando la ansiedad o los recuerdos angustiosos te alejan del presente, nombrar lo que "
            "percibes a tu alrededor puede ayudarte a recuperar la estabilidad. Así se usa la "
            "técnica 5-4-3-2-1 y así puedes adaptarla."
        ),
        "body_markdown": """\
Cuando la ansiedad sube deprisa, la atención tiende a estrecharse sobre la amenaza: el corazón
acelerado, la historia del peor desenlace o un recuerdo doloroso. Las técnicas de anclaje (en
inglés, *grounding*) vuelven a ampliar la atención con suavidad y usan los sentidos para
recordarle a tu cuerpo que ahora mismo, en esta habitación, estás aquí. La técnica 5-4-3-2-1 es
una de las más sencillas. Puedes usarla en cualquier lugar, nadie tiene por qué notar que la
estás haciendo y solo lleva dos o tres minutos.

## Cómo hacerla

Haz una pausa donde estés. Si puedes, deja que los pies descansen en el suelo. Después,
despacio:

1. **Fíjate en cinco cosas que puedas ver.** Nómbralas en silencio o en voz muy baja: la taza
   azul, la grieta del techo, tus manos, el marco de la ventana, una hoja verde. Observa
   detalles como el color, la forma y la textura.
2. **Fíjate en cuatro cosas que puedas sentir.** El peso de tu cuerpo sobre la silla, la tela de
   las mangas, el aire en la cara, los pies dentro de los zapatos.
3. **Fíjate en tres cosas que puedas oír.** Cerca y lejos: el zumbido de la nevera, el tráfico,
   tu propia respiración.
4. **Fíjate en dos cosas que puedas oler.** Si no destaca nada, cambia de sitio o recuerda dos
   olores que te gusten.
5. **Fíjate en una cosa que puedas saborear.** Un sorbo de agua, la pasta de dientes o
   simplemente el sabor que tienes en la boca.

Termina con una exhalación más lenta y observa si algo ha cambiado, aunque sea un poco.

## Por qué puede ayudar

La ansiedad consiste en parte en sentirse arrastrado hacia futuros imaginados o hacia recuerdos.
Describir a propósito lo que te rodea ahora le da a tu mente una tarea concreta y neutral que
compite por la atención que ocupaban los pensamientos ansiosos. No hace desaparecer la ansiedad,
ni lo pretende. El objetivo es bajar la intensidad lo suficiente para que puedas elegir qué
hacer a continuación.

## Hazla tuya

- **Ve despacio.** Recorrer la lista a toda prisa la convierte en otra tarea que hay que hacer
  bien. No hay una respuesta correcta.
- **Cambia los números.** Si cinco cosas te parecen demasiadas, prueba con tres cosas que puedas
  ver, oír y sentir.
- **Usa una categoría.** Busca todo lo que sea azul en la habitación, o todos los objetos
  redondos.
- **Añade movimiento.** Presiona los pies contra el suelo, sostén algo frío o abre bien las
  manos.
- **Practica cuando estés en calma.** Es más fácil usar una habilidad en plena tormenta si la
  has ensayado un día tranquilo.

## Si hay recuerdos de un trauma

Muchas personas que tienen flashbacks (recuerdos que se reviven como si estuvieran ocurriendo de
nuevo) o que se sienten desconectadas de su entorno usan técnicas de anclaje. Si convives con
recuerdos de un trauma, puede ayudarte añadir algunas frases que te orienten: tu nombre, la
fecha de hoy, dónde estás y las palabras «ahora mismo estoy a salvo». Si el anclaje por sí solo
no basta, un terapeuta con formación en trauma puede ayudarte a desarrollar un abanico más
amplio de recursos, y existen tratamientos eficaces para el estrés postraumático.

## Cuándo buscar más apoyo

El anclaje es una habilidad de primeros auxilios, no un tratamiento. Habla con tu médico o con
un terapeuta si:

- tienes ansiedad o pánico la mayoría de los días, o estás evitando lugares y personas
- a menudo tienes una sensación de irrealidad o de desconexión de ti mismo
- recurres al alcohol o a otras sustancias para sobrellevarlo
- tienes pensamientos de hacerte daño; en ese caso, ponte en contacto con una línea de crisis o
  con los servicios de emergencia

Ser capaz de volver al presente, aunque sea unos segundos, es una habilidad que crece con la
práctica. Cada vez que lo intentas, la estás fortaleciendo.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/tecnica-de-anclaje-5-4-3-2-1.jpg"
        ),
        "hero_image_alt": (
            "Pies descalzos apoyados en un suelo cálido de tablas de madera junto a una alfombra "
            "tejida"
        ),
        "author": "maren-okafor",
        "topics": ["anxiety", "mindfulness"],
        "is_medical": False,
        "reviewer": "ifeoma-hartley",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": ["trauma"],
        "citations": [
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Generalised anxiety "
                    "disorder and panic disorder in adults: management. Clinical guideline CG113. "
                    "2011."
                ),
                "url": "https://www.nice.org.uk/guidance/cg113",
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Post-traumatic "
                    "stress disorder. NICE guideline NG116. 2018."
                ),
                "url": "https://www.nice.org.uk/guidance/ng116",
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "La técnica de anclaje 5-4-3-2-1 para la ansiedad, paso a paso",
        "seo_description": (
            "Usa tus cinco sentidos para recuperar la estabilidad cuando llegan la ansiedad o los "
            "flashbacks. Cómo funciona la técnica 5-4-3-2-1 y cómo adaptarla."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-05-29T08:00:00Z",
    },
    {
        "slug": "entender-los-ataques-de-panico",
        "translation_of": "understanding-panic-attacks",
        "locale": "es",
        "title": "Entender los ataques de pánico",
        "subtitle": "Por qué asustan tanto, por qué pasan y qué ayuda en el momento y después",
        "summary": (
            "Los ataques de pánico son oleadas intensas de miedo con síntomas físicos fuertes. "
            "Asustan, pero pasan por sí solos, y el pánico responde bien al tratamiento."
        ),
        "body_markdown": """\
Un ataque de pánico puede llegar de la nada: el corazón te late con fuerza, se te oprime el
pecho, te mareas o te falta el aire, y una ola de miedo te dice que está pasando algo terrible.
El primer ataque de pánico lleva a muchas personas a urgencias, convencidas de que están
sufriendo un infarto o perdiendo la cabeza. Si te ha pasado, no eres la única persona, ni mucho
menos, y hay muchas cosas que ayudan.

## Qué está pasando en tu cuerpo

Un ataque de pánico es el sistema de alarma de tu cuerpo que se dispara cuando no hay ningún
peligro físico al que responder. La adrenalina aumenta de golpe y tu cuerpo se prepara para
luchar o huir:

- el corazón late más rápido y con más fuerza para llevar sangre a los músculos
- la respiración se acelera, lo que puede provocar mareo, hormigueo o sensación de falta de aire
- los músculos se tensan, lo que a veces causa opresión en el pecho o temblores
- la digestión se ralentiza, lo que provoca náuseas o un nudo en el estómago
- la atención se fija en la amenaza, y el mundo puede parecer irreal

Estas sensaciones son desagradables y dan miedo de verdad. También se parecen a los cambios que
hace tu cuerpo cuando corres para alcanzar el autobús, y un ataque de pánico suele llegar a su
punto máximo en unos diez minutos y después remite.

## El ciclo del pánico

El pánico tiende a alimentarse a sí mismo. Una sensación, como un vuelco en el corazón o una
oleada de mareo, se interpreta como señal de una catástrofe («me está dando un infarto»). Eso
aumenta el miedo, que intensifica las sensaciones, que a su vez parecen confirmar la catástrofe.
Después es natural empezar a vigilar de cerca el cuerpo y evitar los lugares donde ocurrieron
los ataques. Con el tiempo, esa vigilancia y esa evitación pueden hacer que los ataques sean más
probables y que tu vida se vuelva más pequeña.

## En el momento

- **Ponle nombre.** «Esto es un ataque de pánico. Es muy desagradable y va a pasar».
- **Alarga la exhalación.** Inhala suavemente por la nariz y luego exhala despacio, durante un
  poco más de tiempo del que has tardado en inhalar. Evita tomar grandes bocanadas de aire.
- **Quédate, si puedes.** Irte le enseña a tu cerebro que escapar fue lo que te salvó. Si puedes
  quedarte, aunque sea unos minutos más, aprendes que el pánico pasa por sí solo.
- **Ánclate al presente.** Presiona los pies contra el suelo y describe lo que ves y lo que
  oyes.
- **Deja que la ola suba y baje.** Luchar contra las sensaciones suele echar más leña al fuego.
  Imagínalas como una ola sobre la que flotas.

## Primero, que te revisen

Como los síntomas del pánico se parecen a los de algunos problemas médicos, es importante que un
médico revise el dolor en el pecho, los desmayos o la falta de aire, sobre todo la primera vez o
si el patrón cambia. Llama a los servicios de emergencia si tienes dolor en el pecho con
sudoración o un dolor que se extiende al brazo o a la mandíbula, o si tienes dudas. Una vez
descartadas las causas físicas, podrás afrontar los siguientes ataques con más confianza.

## El tratamiento funciona

Si los ataques son frecuentes, o evitas situaciones por miedo a que te dé otro, puede que tengas
trastorno de pánico. Tiene muy buen tratamiento. La terapia cognitivo-conductual (TCC) para el
pánico se recomienda como tratamiento de primera línea. Te ayuda a entender el ciclo, a poner a
prueba las predicciones que te asustan y a volver poco a poco a los lugares que has estado
evitando. A algunas personas también se les ofrece medicación, como un antidepresivo ISRS
(inhibidor selectivo de la recaptación de serotonina), y un médico puede explicarte las
opciones.

La cafeína, la resaca, dormir mal y algunas drogas y medicamentos pueden hacer que el pánico sea
más probable. Puede valer la pena revisarlo con tu médico.

## Un recordatorio amable

Los ataques de pánico pueden hacerte sentir frágil, pero tenerlos no dice nada de tu fortaleza.
Son la señal de un sistema de alarma que se ha vuelto demasiado sensible, y los sistemas de
alarma se pueden recalibrar.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/entender-los-ataques-de-panico.jpg"
        ),
        "hero_image_alt": (
            "Una sola ola que se alza y rompe en una playa vacía bajo un cielo pálido"
        ),
        "author": "tomas-lindqvist-reyes",
        "topics": ["anxiety", "breathing"],
        "is_medical": False,
        "reviewer": "samuel-achterberg",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": [],
        "citations": [
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Generalised anxiety "
                    "disorder and panic disorder in adults: management. Clinical guideline CG113. "
                    "2011."
                ),
                "url": "https://www.nice.org.uk/guidance/cg113",
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Clark DM. A cognitive approach to panic. Behav Res Ther. 1986;24(4):461-470."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "Entender los ataques de pánico: por qué ocurren y qué ayuda",
        "seo_description": (
            "Qué pasa en tu cuerpo durante un ataque de pánico, cómo funciona el ciclo del pánico, "
            "qué hacer en el momento y por qué funciona la TCC para el pánico."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-06-19T08:00:00Z",
    },
    {
        "slug": "lamotrigina-y-ketamina-para-la-depresion",
        "translation_of": "lamotrigine-and-ketamine-for-depression",
        "locale": "es",
        "title": "¿Cambia la lamotrigina la eficacia de la ketamina contra la depresión?",
        "subtitle": (
            "Qué sugiere la ciencia, qué no puede decirnos todavía y cómo hablarlo con quien te "
            "receta la medicación"
        ),
        "summary": (
            "La lamotrigina reduce la liberación de glutamato, y se cree que el efecto "
            "antidepresivo de la ketamina depende de un aumento brusco de glutamato, así que es "
            "razonable preguntarse si chocan. Los pocos estudios pequeños que hay hasta ahora dan "
            "resultados dispares, pero no han mostrado que la lamotrigina bloquee el beneficio de "
            "la ketamina."
        ),
        "body_markdown": """\
Si tomas lamotrigina y tu equipo clínico te ha propuesto ketamina o esketamina para la
depresión, quizá te hayas encontrado con la preocupación de que un medicamento anule al otro. Es
una pregunta sensata y mereces una respuesta clara: la evidencia es limitada, pero la que existe
no muestra que la lamotrigina impida que la ketamina funcione.

## Primero, si ahora mismo lo estás pasando mal

Los tratamientos con ketamina suelen ofrecerse a personas cuya depresión no ha mejorado con
otros tratamientos, y algunas de las personas que los empiezan viven con pensamientos de
suicidio. Las investigaciones sugieren que una sola sesión de ketamina puede aliviar los
pensamientos suicidas en el plazo de un día en algunas personas, pero no sustituye a un plan de
seguridad ni a la atención urgente. Si tienes pensamientos de suicidio y sientes que podrías
actuar en consecuencia, ponte en contacto ahora mismo con el número de emergencias de tu zona o
con una línea de crisis. En Estados Unidos puedes llamar o enviar un mensaje de texto al 988; en
el Reino Unido e Irlanda puedes llamar a Samaritans al 116 123; en otros lugares,
[Find A Helpline](https://findahelpline.com) recoge servicios gratuitos por país.

## Por qué se piensa que podrían chocar

La ketamina bloquea los receptores NMDA, uno de los principales receptores del cerebro para el
mensajero químico glutamato. A las dosis bajas que se usan para la depresión, la explicación
principal es una paradoja: al bloquear los receptores NMDA de ciertas neuronas inhibidoras, la
ketamina suelta brevemente los frenos de otros circuitos y produce un breve aumento de la
actividad del glutamato. Se cree que ese aumento activa señales, en las que intervienen los
receptores AMPA y factores de crecimiento como el BDNF, que ayudan a las neuronas a reconstruir
conexiones debilitadas por el estrés crónico y la depresión.

La lamotrigina actúa de otra manera. Se usa para prevenir las crisis epilépticas y, en el
trastorno bipolar, para reducir el riesgo de nuevos episodios depresivos. Una de sus acciones es
calmar las neuronas hiperactivas bloqueando los canales de sodio, lo que reduce la liberación de
glutamato.

Así que la preocupación es fácil de entender: si la ketamina ayuda mediante un aumento de
glutamato, ¿podría la lamotrigina atenuarlo?

## Lo que muestran realmente las investigaciones

Solo unos pocos estudios pequeños han analizado esta cuestión. No coinciden en lo que respecta a
los efectos secundarios, pero ninguno ha mostrado que la lamotrigina bloquee el efecto
antidepresivo.

- **Voluntarios sanos (2000).** En 16 personas sin depresión, una sola dosis de lamotrigina
  antes de la ketamina redujo los efectos disociativos y perceptivos de la ketamina. Aumentó el
  efecto inmediato de la ketamina sobre el estado de ánimo, en lugar de reducirlo.
- **Personas con depresión resistente al tratamiento (2010).** En un ensayo con 26 personas,
  unas recibieron una sola dosis de lamotrigina dos horas antes de una infusión de ketamina y
  otras, un placebo. La lamotrigina no redujo los efectos secundarios de la ketamina ni cambió
  su respuesta antidepresiva.
- **Una cohorte clínica (2023).** Los registros de personas que recibían ketamina o esketamina
  de forma repetida no mostraron diferencias significativas en la respuesta ni en la remisión
  entre quienes tomaban lamotrigina y quienes no, con una posible tendencia a una menor
  disociación. Solo 13 personas de ese estudio tomaban lamotrigina.
- **Una revisión sistemática de 2022** reunió los estudios en animales y en humanos y concluyó
  que los datos son demasiado escasos para zanjar la cuestión.

Así que la teoría predice un posible conflicto, pero la limitada evidencia clínica no lo ha
encontrado. Eso no demuestra que no haya ningún efecto en nadie. Los estudios eran pequeños, a
menudo usaron dosis únicas y no hicieron seguimiento de las personas durante meses.

## Qué significa esto para ti

- **No dejes, te saltes ni reduzcas la lamotrigina por tu cuenta**, ni siquiera un día de
  tratamiento. Dejarla de golpe puede desestabilizar tu estado de ánimo y, si la tomas para la
  epilepsia, aumentar el riesgo de crisis.
- **No vuelvas a tomar la lamotrigina a tu dosis habitual tras una pausa** de varios días sin
  consultarlo antes. Normalmente hay que volver a subir la dosis poco a poco, porque reanudarla
  demasiado rápido aumenta el riesgo de una erupción cutánea grave.
- **Informa a tu equipo de ketamina de todos los medicamentos que tomas**, incluidos los que
  tomas solo de vez en cuando, como pastillas para dormir o benzodiacepinas, y de cualquier
  suplemento.
- **Pregunta por los horarios.** Muchos de los profesionales que recetan mantienen todo igual;
  algunos pueden ajustar el momento de las tomas en torno a las sesiones de tratamiento. Es una
  decisión que deben tomar contigo.
- **Anota cómo te sientes** durante unos días después de cada sesión, para poder valorar con tu
  equipo si el tratamiento está ayudando.

## Preguntas para quien te receta la medicación

1. Con mi diagnóstico, ¿sigue siendo la lamotrigina el medicamento adecuado para mí junto con la
   ketamina?
2. ¿Debería cambiar algo en el momento en que la tomo los días de tratamiento?
3. ¿Cómo vamos a valorar si la ketamina está funcionando, y en qué plazo?
4. ¿Qué debo hacer si me salto dosis de lamotrigina?

## Señales de alarma ante las que actuar

Ponte en contacto con tu equipo clínico cuanto antes, o con los servicios de emergencia si te
parece urgente, si notas:

- pensamientos de suicidio nuevos, más intensos o más difíciles de resistir
- cualquier erupción en la piel mientras tomas lamotrigina, sobre todo si va acompañada de
  fiebre, ampollas, llagas en la boca o ganglios inflamados
- un aumento repentino de energía fuera de lo habitual, pensamientos acelerados o poca necesidad
  de dormir
- confusión o disociación que no se calma en las horas posteriores a una sesión, un dolor de
  cabeza intenso o dolor en el pecho

Preguntar por tus medicamentos no es ponerse difícil. Quien te receta prefiere mil veces
escuchar tu preocupación a que hagas un cambio por tu cuenta.
""",
        "hero_image_url": (
            "https://media.smartmeditation.example/images/"
            "lamotrigina-y-ketamina-para-la-depresion.jpg"
        ),
        "hero_image_alt": (
            "Dos guijarros de formas distintas, uno junto al otro, sobre una piedra gris y lisa"
        ),
        "author": "maren-okafor",
        "topics": ["depression", "medication"],
        "is_medical": True,
        "reviewer": "samuel-achterberg",
        "reviewed_at": "2026-05-14",
        "next_review_due": "2027-05-14",
        "content_warnings": ["medication_change", "suicide"],
        "citations": [
            {
                "text": (
                    "Anand A, Charney DS, Oren DA, et al. Attenuation of the neuropsychiatric "
                    "effects of ketamine with lamotrigine: support for hyperglutamatergic effects "
                    "of N-methyl-D-aspartate receptor antagonists. Arch Gen Psychiatry. "
                    "2000;57(3):270-276."
                ),
                "url": None,
                "doi": "10.1001/archpsyc.57.3.270",
                "pmid": None,
            },
            {
                "text": (
                    "Mathew SJ, Murrough JW, aan het Rot M, Collins KA, Reich DL, Charney DS. "
                    "Riluzole for relapse prevention following intravenous ketamine in "
                    "treatment-resistant depression: a pilot randomized, placebo-controlled "
                    "continuation trial. Int J Neuropsychopharmacol. 2010;13(1):71-82."
                ),
                "url": None,
                "doi": "10.1017/S1461145709000169",
                "pmid": None,
            },
            {
                "text": (
                    "Joseph B, Nunez NA, Kung S, et al. Efficacy of ketamine with and without "
                    "lamotrigine in treatment-resistant depression: a preliminary report. "
                    "Pharmaceuticals (Basel). 2023;16(8):1164."
                ),
                "url": None,
                "doi": None,
                "pmid": None,
            },
            {
                "text": (
                    "Wilkowska A, Wiglusz MS, Jakuszkowiak-Wojten K, Cubala WJ. Ketamine and "
                    "lamotrigine combination in psychopharmacology: systematic review. Cells. "
                    "2022;11(4):645."
                ),
                "url": None,
                "doi": "10.3390/cells11040645",
                "pmid": None,
            },
            {
                "text": (
                    "Wilkinson ST, Ballard ED, Bloch MH, et al. The effect of a single dose of "
                    "intravenous ketamine on suicidal ideation: a systematic review and individual "
                    "participant data meta-analysis. Am J Psychiatry. 2018;175(2):150-158."
                ),
                "url": None,
                "doi": "10.1176/appi.ajp.2017.17040472",
                "pmid": None,
            },
            {
                "text": (
                    "National Institute for Health and Care Excellence (NICE). Depression in "
                    "adults: treatment and management. NICE guideline NG222. 2022."
                ),
                "url": "https://www.nice.org.uk/guidance/ng222",
                "doi": None,
                "pmid": None,
            },
        ],
        "seo_title": "Lamotrigina y ketamina para la depresión: qué dice la evidencia",
        "seo_description": (
            "¿Puede la lamotrigina atenuar el efecto antidepresivo de la ketamina? Un análisis con "
            "revisión clínica de la teoría del glutamato, los pequeños estudios disponibles y qué "
            "preguntar a quien te receta."
        ),
        "licence": "CC BY-NC-ND 4.0",
        "attribution": "Smart Meditation clinical content team",
        "published_at": "2026-09-17T08:00:00Z",
    },
]

TRACKS: list[dict[str, Any]] = [
    {
        "slug": "arriving-in-the-body",
        "locale": "en",
        "title": "Arriving in the body",
        "description": (
            "A short, steady practice for landing in the present moment. You will settle your "
            "posture, feel the breath and notice sensations in the body without trying to change "
            "them. Ideal as a first meditation or a midday reset."
        ),
        "kind": "guided",
        "narrator": "june-halvorsen",
        "topics": ["mindfulness", "stress"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/arriving-in-the-body.jpg",
        "cover_image_alt": "A person sitting cross-legged on a cushion by a sunlit window",
        "content_warnings": [],
        "published_at": "2026-02-02T07:00:00Z",
        "variants": [
            {
                "narrator": "june-halvorsen",
                "duration_seconds": 300,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/arriving-in-the-body-5min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Find a position that feels comfortable and supported.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:17.000\n"
                    "You can close your eyes, or let your gaze rest softly on the floor in front "
                    "of you.\n"
                    "\n"
                    "00:00:18.000 --> 00:00:26.000\n"
                    "Notice where your body touches the chair, the floor, or the bed beneath you.\n"
                    "\n"
                    "00:00:27.000 --> 00:00:35.000\n"
                    "Now let your attention rest on the breath, wherever you feel it most "
                    "clearly.\n"
                    "\n"
                    "00:04:48.000 --> 00:04:58.000\n"
                    "When you're ready, open your eyes and take this steadiness with you.\n"
                ),
            },
            {
                "narrator": "june-halvorsen",
                "duration_seconds": 600,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/arriving-in-the-body-10min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Find a position that feels comfortable and supported.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:17.000\n"
                    "You can close your eyes, or let your gaze rest softly on the floor in front "
                    "of you.\n"
                    "\n"
                    "00:00:18.000 --> 00:00:26.000\n"
                    "Notice where your body touches the chair, the floor, or the bed beneath you.\n"
                    "\n"
                    "00:00:27.000 --> 00:00:35.000\n"
                    "Now let your attention rest on the breath, wherever you feel it most "
                    "clearly.\n"
                    "\n"
                    "00:09:48.000 --> 00:09:58.000\n"
                    "When you're ready, open your eyes and take this steadiness with you.\n"
                ),
            },
            {
                "narrator": "kofi-brennan",
                "duration_seconds": 900,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/arriving-in-the-body-15min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:07.000\n"
                    "Welcome. Let's take a few minutes to arrive, just as you are.\n"
                    "\n"
                    "00:00:08.000 --> 00:00:14.000\n"
                    "Let your body settle, supported by whatever is beneath you.\n"
                    "\n"
                    "00:00:15.000 --> 00:00:21.000\n"
                    "Feel the weight of your hands, your shoulders, your feet.\n"
                    "\n"
                    "00:00:22.000 --> 00:00:30.000\n"
                    "Now bring your attention to the breath, moving in and out on its own.\n"
                    "\n"
                    "00:14:48.000 --> 00:14:58.000\n"
                    "Gently let the practice end. Notice how you feel, and carry that into your "
                    "day.\n"
                ),
            },
        ],
    },
    {
        "slug": "body-scan-for-sleep",
        "locale": "en",
        "title": "Body scan for sleep",
        "description": (
            "A slow, lying-down body scan that moves attention from your toes to the top of your "
            "head. It helps release the day's tension and gives a busy mind something gentle to "
            "rest on. There is no need to stay awake until the end."
        ),
        "kind": "guided",
        "narrator": "june-halvorsen",
        "topics": ["sleep", "mindfulness"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/body-scan-for-sleep.jpg",
        "cover_image_alt": "A softly lit bedroom with rumpled white sheets and a dim bedside lamp",
        "content_warnings": [],
        "published_at": "2026-02-09T20:00:00Z",
        "variants": [
            {
                "narrator": "june-halvorsen",
                "duration_seconds": 600,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/body-scan-for-sleep-10min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Settle into bed and let your body be heavy.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "There's nothing you need to do right now, and nowhere you need to be.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:24.000\n"
                    "Bring your attention to your feet. Notice warmth, coolness, or simply nothing "
                    "at all.\n"
                    "\n"
                    "00:00:25.000 --> 00:00:31.000\n"
                    "Let that attention drift slowly up through your ankles and calves.\n"
                    "\n"
                    "00:09:48.000 --> 00:09:58.000\n"
                    "If you're still awake, that's fine. Just keep resting. Goodnight.\n"
                ),
            },
            {
                "narrator": "rosa-ilunga",
                "duration_seconds": 1200,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/body-scan-for-sleep-20min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Hello, and welcome. Let yourself sink into the mattress.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:13.000\n"
                    "Take a slow breath in, and a long, easy breath out.\n"
                    "\n"
                    "00:00:14.000 --> 00:00:22.000\n"
                    "Start by noticing the soles of your feet, and the toes one by one.\n"
                    "\n"
                    "00:00:23.000 --> 00:00:32.000\n"
                    "Now let your attention rest on your heels, your ankles, and the backs of your "
                    "legs.\n"
                    "\n"
                    "00:00:33.000 --> 00:00:40.000\n"
                    "If your mind wanders, that's okay. Simply come back to the body.\n"
                    "\n"
                    "00:19:48.000 --> 00:19:58.000\n"
                    "Let the whole body rest together now, heavy and warm. Sleep well.\n"
                ),
            },
        ],
    },
    {
        "slug": "loving-kindness-for-yourself",
        "locale": "en",
        "title": "Loving-kindness for yourself",
        "description": (
            "A warm practice of offering yourself simple phrases of kindness and goodwill. It "
            "builds gently on the memory of being cared for, and it is fine if warmth feels hard "
            "to find at first."
        ),
        "kind": "guided",
        "narrator": "rosa-ilunga",
        "topics": ["self-compassion", "mindfulness"],
        "level": "intermediate",
        "is_premium": True,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/loving-kindness-for-yourself.jpg"
        ),
        "cover_image_alt": "Hands resting over the heart against a soft knitted jumper",
        "content_warnings": [],
        "published_at": "2026-03-02T07:00:00Z",
        "variants": [
            {
                "narrator": "rosa-ilunga",
                "duration_seconds": 600,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "loving-kindness-for-yourself-10min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:07.000\n"
                    "Welcome. Sit or lie in a way that feels kind to your body.\n"
                    "\n"
                    "00:00:08.000 --> 00:00:17.000\n"
                    "Bring to mind a moment when someone was kind to you, and notice how that "
                    "feels.\n"
                    "\n"
                    "00:00:18.000 --> 00:00:24.000\n"
                    "Now silently offer yourself these words: may I be safe.\n"
                    "\n"
                    "00:00:25.000 --> 00:00:31.000\n"
                    "May I be patient with myself. May I be at ease.\n"
                    "\n"
                    "00:09:48.000 --> 00:09:58.000\n"
                    "If warmth was hard to find today, that's okay. The intention is the "
                    "practice.\n"
                ),
            },
        ],
    },
    {
        "slug": "noting-thoughts-as-thoughts",
        "locale": "en",
        "title": "Noting thoughts as thoughts",
        "description": (
            "Learn to step back from the stream of thinking by giving thoughts a light label, such "
            "as planning or worrying, and returning to the breath. A core skill for working with "
            "rumination and low mood."
        ),
        "kind": "guided",
        "narrator": "kofi-brennan",
        "topics": ["mindfulness", "depression"],
        "level": "intermediate",
        "is_premium": True,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/noting-thoughts-as-thoughts.jpg"
        ),
        "cover_image_alt": "Clouds drifting across a wide blue sky above a quiet field",
        "content_warnings": [],
        "published_at": "2026-03-16T07:00:00Z",
        "variants": [
            {
                "narrator": "kofi-brennan",
                "duration_seconds": 600,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "noting-thoughts-as-thoughts-10min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Take a moment to arrive and let your breath settle.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "In this practice, we'll notice thoughts as they come and go, without "
                    "following them.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:22.000\n"
                    "When a thought appears, gently label it: planning, remembering, worrying, "
                    "judging.\n"
                    "\n"
                    "00:00:23.000 --> 00:00:30.000\n"
                    "Then return to the breath. There's no need to push the thought away.\n"
                    "\n"
                    "00:09:48.000 --> 00:09:58.000\n"
                    "Thoughts are events in the mind, not facts. Let's close with three slower "
                    "breaths.\n"
                ),
            },
            {
                "narrator": "kofi-brennan",
                "duration_seconds": 1200,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "noting-thoughts-as-thoughts-20min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Take a moment to arrive and let your breath settle.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "In this practice, we'll notice thoughts as they come and go, without "
                    "following them.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:22.000\n"
                    "When a thought appears, gently label it: planning, remembering, worrying, "
                    "judging.\n"
                    "\n"
                    "00:00:23.000 --> 00:00:30.000\n"
                    "Then return to the breath. There's no need to push the thought away.\n"
                    "\n"
                    "00:19:48.000 --> 00:19:58.000\n"
                    "Thoughts are events in the mind, not facts. Let's close with three slower "
                    "breaths.\n"
                ),
            },
        ],
    },
    {
        "slug": "working-with-worry",
        "locale": "en",
        "title": "Working with worry",
        "description": (
            "A practice for the moments when worry takes over. You will ground yourself, locate "
            "the worry in the body and learn to make room for it rather than fight it."
        ),
        "kind": "guided",
        "narrator": "ari-nakamura-wells",
        "topics": ["anxiety", "mindfulness"],
        "level": "intermediate",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/working-with-worry.jpg",
        "cover_image_alt": "A hand holding a smooth grey stone against a blurred green background",
        "content_warnings": [],
        "published_at": "2026-03-30T07:00:00Z",
        "variants": [
            {
                "narrator": "ari-nakamura-wells",
                "duration_seconds": 600,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/working-with-worry-10min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. If worry brought you here, you're in the right place.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "Let's start by feeling your feet on the floor and the weight of your body.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:23.000\n"
                    "Now notice the worry. Where do you feel it in your body?\n"
                    "\n"
                    "00:00:24.000 --> 00:00:32.000\n"
                    "See if you can breathe around that feeling, making a little more room for "
                    "it.\n"
                    "\n"
                    "00:09:48.000 --> 00:09:58.000\n"
                    "Worry may come back, and that's okay. You know how to make room for it now.\n"
                ),
            },
        ],
    },
    {
        "slug": "open-awareness",
        "locale": "en",
        "title": "Open awareness",
        "description": (
            "A longer, spacious sitting practice for experienced meditators. Attention widens from "
            "the breath to sounds and then to everything arising in awareness, with long periods "
            "of silence."
        ),
        "kind": "guided",
        "narrator": "kofi-brennan",
        "topics": ["mindfulness"],
        "level": "advanced",
        "is_premium": True,
        "cover_image_url": "https://media.smartmeditation.example/images/open-awareness.jpg",
        "cover_image_alt": "A wide, empty beach at dawn with a far horizon",
        "content_warnings": [],
        "published_at": "2026-04-13T07:00:00Z",
        "variants": [
            {
                "narrator": "kofi-brennan",
                "duration_seconds": 1200,
                "audio_url": "https://media.smartmeditation.example/audio/open-awareness-20min.mp3",
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:07.000\n"
                    "Welcome. Begin by resting your attention on the breath for a few minutes.\n"
                    "\n"
                    "00:00:08.000 --> 00:00:14.000\n"
                    "Gradually widen your attention to include sounds, near and far.\n"
                    "\n"
                    "00:00:15.000 --> 00:00:22.000\n"
                    "Now let the field open further: sensations, sounds, thoughts, all arising and "
                    "passing.\n"
                    "\n"
                    "00:00:23.000 --> 00:00:31.000\n"
                    "There's no need to choose. Simply rest as the awareness in which it all "
                    "appears.\n"
                    "\n"
                    "00:19:48.000 --> 00:19:58.000\n"
                    "Slowly let the practice come to an end. Notice the quality of your mind right "
                    "now.\n"
                ),
            },
            {
                "narrator": "kofi-brennan",
                "duration_seconds": 1800,
                "audio_url": "https://media.smartmeditation.example/audio/open-awareness-30min.mp3",
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:07.000\n"
                    "Welcome. Begin by resting your attention on the breath for a few minutes.\n"
                    "\n"
                    "00:00:08.000 --> 00:00:14.000\n"
                    "Gradually widen your attention to include sounds, near and far.\n"
                    "\n"
                    "00:00:15.000 --> 00:00:22.000\n"
                    "Now let the field open further: sensations, sounds, thoughts, all arising and "
                    "passing.\n"
                    "\n"
                    "00:00:23.000 --> 00:00:31.000\n"
                    "There's no need to choose. Simply rest as the awareness in which it all "
                    "appears.\n"
                    "\n"
                    "00:29:48.000 --> 00:29:58.000\n"
                    "Slowly let the practice come to an end. Notice the quality of your mind right "
                    "now.\n"
                ),
            },
        ],
    },
    {
        "slug": "a-kinder-inner-voice",
        "locale": "en",
        "title": "A kinder inner voice",
        "description": (
            "A five-minute practice for moments when your inner critic is loud. You will notice "
            "the critical voice, then practise answering it the way a kind friend would."
        ),
        "kind": "guided",
        "narrator": "rosa-ilunga",
        "topics": ["self-compassion", "depression"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/a-kinder-inner-voice.jpg",
        "cover_image_alt": "A handwritten note reading be gentle propped against a window",
        "content_warnings": [],
        "published_at": "2026-04-27T07:00:00Z",
        "variants": [
            {
                "narrator": "rosa-ilunga",
                "duration_seconds": 300,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/a-kinder-inner-voice-5min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:08.000\n"
                    "Welcome. This is a short practice for moments when your inner critic is "
                    "loud.\n"
                    "\n"
                    "00:00:09.000 --> 00:00:16.000\n"
                    "Notice what the critical voice is saying, and the tone it uses.\n"
                    "\n"
                    "00:00:17.000 --> 00:00:24.000\n"
                    "Now imagine how a kind friend would respond to you in this moment.\n"
                    "\n"
                    "00:00:25.000 --> 00:00:32.000\n"
                    "Let those words be spoken inwardly, slowly, in a warm and steady voice.\n"
                    "\n"
                    "00:04:48.000 --> 00:04:58.000\n"
                    "You can come back to this voice whenever you need it.\n"
                ),
            },
        ],
    },
    {
        "slug": "the-lighthouse-keepers-night",
        "locale": "en",
        "title": "The lighthouse keeper's night",
        "description": (
            "Follow a lighthouse keeper through the slow rituals of an evening on a quiet island: "
            "polishing the lamp, writing the log and listening to the sea. A gentle, uneventful "
            "story designed to help your mind let go."
        ),
        "kind": "sleep_story",
        "narrator": "kofi-brennan",
        "topics": ["sleep"],
        "level": "beginner",
        "is_premium": True,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/the-lighthouse-keepers-night.jpg"
        ),
        "cover_image_alt": "A white lighthouse on a rocky island under a deep blue evening sky",
        "content_warnings": [],
        "published_at": "2026-02-16T20:00:00Z",
        "variants": [
            {
                "narrator": "kofi-brennan",
                "duration_seconds": 1800,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "the-lighthouse-keepers-night-30min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Settle in, and let your eyes close whenever they're ready.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "Far out on a small green island, evening was folding itself around the "
                    "lighthouse.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:24.000\n"
                    "The keeper climbed the spiral stairs slowly, as he had done for many years.\n"
                    "\n"
                    "00:00:25.000 --> 00:00:33.000\n"
                    "At the top, he wiped the great lens with a soft cloth until it shone.\n"
                    "\n"
                    "00:29:48.000 --> 00:29:58.000\n"
                    "And the light turned, and turned, slow and steady, all through the quiet "
                    "night.\n"
                ),
            },
        ],
    },
    {
        "slug": "slow-train-through-the-valley",
        "locale": "en",
        "title": "Slow train through the valley",
        "description": (
            "Board an old, unhurried train as it winds through a wide green valley at dusk. "
            "Fields, villages and rivers drift past the window while the carriage rocks gently "
            "beneath you."
        ),
        "kind": "sleep_story",
        "narrator": "june-halvorsen",
        "topics": ["sleep"],
        "level": "beginner",
        "is_premium": True,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/slow-train-through-the-valley.jpg"
        ),
        "cover_image_alt": "An old train crossing a stone viaduct in a green valley at sunset",
        "content_warnings": [],
        "published_at": "2026-03-09T20:00:00Z",
        "variants": [
            {
                "narrator": "june-halvorsen",
                "duration_seconds": 2100,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "slow-train-through-the-valley-35min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Get comfortable, and let the day begin to drift away.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:13.000\n"
                    "Tonight we're taking a slow train through a wide green valley.\n"
                    "\n"
                    "00:00:14.000 --> 00:00:23.000\n"
                    "The carriage is warm, the seats are soft, and the windows are full of evening "
                    "light.\n"
                    "\n"
                    "00:00:24.000 --> 00:00:30.000\n"
                    "Outside, fields roll past, dotted with sheep and low stone walls.\n"
                    "\n"
                    "00:34:48.000 --> 00:34:58.000\n"
                    "The train hums on through the valley, and there's nothing left to do but "
                    "rest.\n"
                ),
            },
        ],
    },
    {
        "slug": "the-night-market-in-the-rain",
        "locale": "en",
        "title": "The night market in the rain",
        "description": (
            "Wander through a lantern-lit market on a soft, rainy evening, with the smell of warm "
            "bread and the patter of rain on canvas. Available in two voices and lengths."
        ),
        "kind": "sleep_story",
        "narrator": "ari-nakamura-wells",
        "topics": ["sleep"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/the-night-market-in-the-rain.jpg"
        ),
        "cover_image_alt": "Glowing paper lanterns above a market street glistening with rain",
        "content_warnings": [],
        "published_at": "2026-04-20T20:00:00Z",
        "variants": [
            {
                "narrator": "ari-nakamura-wells",
                "duration_seconds": 2400,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "the-night-market-in-the-rain-40min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Let your body sink into the bed, heavy and warm.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "It's a soft, rainy evening, and the night market is just beginning to glow.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:23.000\n"
                    "Lanterns sway under striped awnings, and rain taps gently on the canvas.\n"
                    "\n"
                    "00:00:24.000 --> 00:00:31.000\n"
                    "You wander slowly past stalls of oranges, warm bread and jars of honey.\n"
                    "\n"
                    "00:39:48.000 --> 00:39:58.000\n"
                    "The rain keeps falling softly, and the market lights dim one by one.\n"
                ),
            },
            {
                "narrator": "rosa-ilunga",
                "duration_seconds": 2700,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "the-night-market-in-the-rain-45min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Hello. Let yourself get cosy, and let the day go.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "Tonight, rain is falling gently on a small town, and the night market is "
                    "opening.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:22.000\n"
                    "Lanterns glow amber beneath the awnings, reflected in the wet stones.\n"
                    "\n"
                    "00:00:23.000 --> 00:00:30.000\n"
                    "You stroll without hurry, past baskets of pears and steaming cups of cocoa.\n"
                    "\n"
                    "00:44:48.000 --> 00:44:58.000\n"
                    "One by one the lanterns dim, and the rain whispers on through the night.\n"
                ),
            },
        ],
    },
    {
        "slug": "the-greenhouse-at-dusk",
        "locale": "en",
        "title": "The greenhouse at dusk",
        "description": (
            "Spend a quiet evening tending plants in an old glass greenhouse as the light fades. "
            "Simple tasks, earthy smells and warm air make this a soothing story for restless "
            "nights."
        ),
        "kind": "sleep_story",
        "narrator": "rosa-ilunga",
        "topics": ["sleep"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/the-greenhouse-at-dusk.jpg"
        ),
        "cover_image_alt": "An old glass greenhouse glowing in the last light of evening",
        "content_warnings": [],
        "published_at": "2026-05-11T20:00:00Z",
        "variants": [
            {
                "narrator": "rosa-ilunga",
                "duration_seconds": 1800,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/the-greenhouse-at-dusk-30min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Find a comfortable position, and let your breathing slow.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:16.000\n"
                    "At the edge of an old garden stands a glass greenhouse, warm from the day's "
                    "sun.\n"
                    "\n"
                    "00:00:17.000 --> 00:00:23.000\n"
                    "Inside, the air smells of damp soil and tomato leaves.\n"
                    "\n"
                    "00:00:24.000 --> 00:00:32.000\n"
                    "You take a small watering can and move slowly between the rows of plants.\n"
                    "\n"
                    "00:29:48.000 --> 00:29:58.000\n"
                    "The last light fades from the glass, and everything in the greenhouse is "
                    "resting.\n"
                ),
            },
        ],
    },
    {
        "slug": "box-breathing",
        "locale": "en",
        "title": "Box breathing",
        "description": (
            "Breathe in a steady square: in for four, hold for four, out for four, hold for four. "
            "The simple structure gives a busy mind something to hold on to. Skip the holds if "
            "they feel uncomfortable."
        ),
        "kind": "breathing",
        "narrator": "ari-nakamura-wells",
        "topics": ["breathing", "anxiety", "stress"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/box-breathing.jpg",
        "cover_image_alt": "A square window frame with soft morning light behind it",
        "content_warnings": [],
        "published_at": "2026-02-23T07:00:00Z",
        "variants": [
            {
                "narrator": "ari-nakamura-wells",
                "duration_seconds": 180,
                "audio_url": "https://media.smartmeditation.example/audio/box-breathing-3min.mp3",
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Sit upright but relaxed, with your feet on the floor.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:16.000\n"
                    "We'll breathe in a square: in for four, hold for four, out for four, hold for "
                    "four.\n"
                    "\n"
                    "00:00:17.000 --> 00:00:21.000\n"
                    "Breathe in, two, three, four.\n"
                    "\n"
                    "00:00:22.000 --> 00:00:26.000\n"
                    "Hold, two, three, four.\n"
                    "\n"
                    "00:00:27.000 --> 00:00:33.000\n"
                    "Breathe out, two, three, four. Hold, two, three, four.\n"
                    "\n"
                    "00:02:48.000 --> 00:02:58.000\n"
                    "Let your breath return to its natural rhythm. Well done.\n"
                ),
            },
            {
                "narrator": "ari-nakamura-wells",
                "duration_seconds": 300,
                "audio_url": "https://media.smartmeditation.example/audio/box-breathing-5min.mp3",
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Sit upright but relaxed, with your feet on the floor.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:16.000\n"
                    "We'll breathe in a square: in for four, hold for four, out for four, hold for "
                    "four.\n"
                    "\n"
                    "00:00:17.000 --> 00:00:21.000\n"
                    "Breathe in, two, three, four.\n"
                    "\n"
                    "00:00:22.000 --> 00:00:26.000\n"
                    "Hold, two, three, four.\n"
                    "\n"
                    "00:00:27.000 --> 00:00:33.000\n"
                    "Breathe out, two, three, four. Hold, two, three, four.\n"
                    "\n"
                    "00:04:48.000 --> 00:04:58.000\n"
                    "Let your breath return to its natural rhythm. Well done.\n"
                ),
            },
        ],
    },
    {
        "slug": "extended-exhale",
        "locale": "en",
        "title": "Extended exhale",
        "description": (
            "A gentle breathing practice with an out-breath longer than the in-breath, which helps "
            "the body shift towards rest. Lovely before sleep or after a stressful day."
        ),
        "kind": "breathing",
        "narrator": "june-halvorsen",
        "topics": ["breathing", "sleep", "anxiety"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/extended-exhale.jpg",
        "cover_image_alt": "A feather floating down through soft evening light",
        "content_warnings": [],
        "published_at": "2026-03-23T20:00:00Z",
        "variants": [
            {
                "narrator": "june-halvorsen",
                "duration_seconds": 300,
                "audio_url": "https://media.smartmeditation.example/audio/extended-exhale-5min.mp3",
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Let your shoulders drop and your jaw soften.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "We'll breathe in for a count of four, and out for a count of six.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:22.000\n"
                    "Breathe in gently through your nose, two, three, four.\n"
                    "\n"
                    "00:00:23.000 --> 00:00:28.000\n"
                    "And out slowly, two, three, four, five, six.\n"
                    "\n"
                    "00:04:48.000 --> 00:04:58.000\n"
                    "Let the breath find its own pace now. Notice how your body feels.\n"
                ),
            },
            {
                "narrator": "june-halvorsen",
                "duration_seconds": 600,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/extended-exhale-10min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Let your shoulders drop and your jaw soften.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "We'll breathe in for a count of four, and out for a count of six.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:22.000\n"
                    "Breathe in gently through your nose, two, three, four.\n"
                    "\n"
                    "00:00:23.000 --> 00:00:28.000\n"
                    "And out slowly, two, three, four, five, six.\n"
                    "\n"
                    "00:09:48.000 --> 00:09:58.000\n"
                    "Let the breath find its own pace now. Notice how your body feels.\n"
                ),
            },
        ],
    },
    {
        "slug": "resonant-breathing-six-per-minute",
        "locale": "en",
        "title": "Resonant breathing: six breaths a minute",
        "description": (
            "Paced breathing at about six breaths a minute, guided by a rising and falling tone. "
            "Regular practice can help you feel steadier under pressure."
        ),
        "kind": "breathing",
        "narrator": "kofi-brennan",
        "topics": ["breathing", "stress"],
        "level": "intermediate",
        "is_premium": True,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/resonant-breathing-six-per-minute.jpg"
        ),
        "cover_image_alt": "Gentle ripples spreading across a calm pond",
        "content_warnings": [],
        "published_at": "2026-04-06T07:00:00Z",
        "variants": [
            {
                "narrator": "kofi-brennan",
                "duration_seconds": 600,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "resonant-breathing-six-per-minute-10min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:07.000\n"
                    "Welcome. This practice paces your breath at about six breaths per minute.\n"
                    "\n"
                    "00:00:08.000 --> 00:00:15.000\n"
                    "Follow the tone: breathe in as it rises, and out as it falls.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:20.000\n"
                    "In, for five seconds.\n"
                    "\n"
                    "00:00:21.000 --> 00:00:25.000\n"
                    "Out, for five seconds.\n"
                    "\n"
                    "00:09:48.000 --> 00:09:58.000\n"
                    "Gently let go of the pacing and breathe naturally. Notice any sense of "
                    "steadiness.\n"
                ),
            },
        ],
    },
    {
        "slug": "breathing-through-panic",
        "locale": "en",
        "title": "Breathing through panic",
        "description": (
            "A calm voice to stay with you while panic rises and falls. Slow out-breaths and "
            "simple grounding cues help you ride the wave rather than fight it. Use it in the "
            "moment, or practise it on a calm day first."
        ),
        "kind": "breathing",
        "narrator": "rosa-ilunga",
        "topics": ["anxiety", "breathing"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/breathing-through-panic.jpg"
        ),
        "cover_image_alt": "A small boat floating on gentle waves under a clearing sky",
        "content_warnings": [],
        "published_at": "2026-05-04T07:00:00Z",
        "variants": [
            {
                "narrator": "rosa-ilunga",
                "duration_seconds": 180,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/breathing-through-panic-3min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:07.000\n"
                    "I'm here with you. What you're feeling is panic, and it will pass.\n"
                    "\n"
                    "00:00:08.000 --> 00:00:17.000\n"
                    "You don't need to take big breaths. Just let the out-breath be slow, like a "
                    "sigh.\n"
                    "\n"
                    "00:00:18.000 --> 00:00:25.000\n"
                    "Press your feet into the floor. Feel how solid it is beneath you.\n"
                    "\n"
                    "00:00:26.000 --> 00:00:30.000\n"
                    "Breathe in gently, and slowly out.\n"
                    "\n"
                    "00:02:48.000 --> 00:02:58.000\n"
                    "The wave is passing. Stay here as long as you need.\n"
                ),
            },
        ],
    },
    {
        "slug": "sigh-it-out",
        "locale": "en",
        "title": "Sigh it out",
        "description": (
            "A quick reset built on the natural sigh: two short in-breaths through the nose "
            "followed by a long, slow breath out. Repeat a few times between meetings or whenever "
            "tension builds."
        ),
        "kind": "breathing",
        "narrator": "ari-nakamura-wells",
        "topics": ["stress", "breathing"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/sigh-it-out.jpg",
        "cover_image_alt": (
            "A person leaning back in an office chair with eyes closed and shoulders relaxed"
        ),
        "content_warnings": [],
        "published_at": "2026-05-18T07:00:00Z",
        "variants": [
            {
                "narrator": "ari-nakamura-wells",
                "duration_seconds": 180,
                "audio_url": "https://media.smartmeditation.example/audio/sigh-it-out-3min.mp3",
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. This is a quick reset you can use anywhere.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "Breathe in through your nose, then take a second short sip of air on top.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:24.000\n"
                    "Now let it all go in a long, slow breath out through your mouth.\n"
                    "\n"
                    "00:00:25.000 --> 00:00:31.000\n"
                    "Again: in, a little more, and a long sigh out.\n"
                    "\n"
                    "00:02:48.000 --> 00:02:58.000\n"
                    "That's it. Return to your day a little lighter.\n"
                ),
            },
        ],
    },
    {
        "slug": "rain-on-a-tin-roof",
        "locale": "en",
        "title": "Rain on a tin roof",
        "description": (
            "Steady rain drumming on a tin roof, with the occasional distant rumble of thunder. A "
            "brief spoken welcome, then uninterrupted sound to help you drift off."
        ),
        "kind": "soundscape",
        "narrator": "june-halvorsen",
        "topics": ["sleep"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/rain-on-a-tin-roof.jpg",
        "cover_image_alt": "Raindrops running down a corrugated tin roof",
        "content_warnings": [],
        "published_at": "2026-06-01T20:00:00Z",
        "variants": [
            {
                "narrator": "june-halvorsen",
                "duration_seconds": 1800,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/rain-on-a-tin-roof-30min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Let the sound of rain keep you company tonight.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:11.000\n"
                    "[Steady rain on a tin roof]\n"
                    "\n"
                    "00:00:12.000 --> 00:00:16.000\n"
                    "[Distant thunder, very soft]\n"
                    "\n"
                    "00:29:48.000 --> 00:29:58.000\n"
                    "[Rain continues, slowly fading]\n"
                ),
            },
            {
                "narrator": "june-halvorsen",
                "duration_seconds": 3600,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/rain-on-a-tin-roof-60min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Let the sound of rain keep you company tonight.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:11.000\n"
                    "[Steady rain on a tin roof]\n"
                    "\n"
                    "00:00:12.000 --> 00:00:16.000\n"
                    "[Distant thunder, very soft]\n"
                    "\n"
                    "00:59:48.000 --> 00:59:58.000\n"
                    "[Rain continues, slowly fading]\n"
                ),
            },
        ],
    },
    {
        "slug": "forest-stream-at-dawn",
        "locale": "en",
        "title": "Forest stream at dawn",
        "description": (
            "Running water over stones and early birdsong in a quiet forest. Use it as a backdrop "
            "for focus, a mindful listening practice or a pause in a busy day."
        ),
        "kind": "soundscape",
        "narrator": "kofi-brennan",
        "topics": ["stress", "mindfulness"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/forest-stream-at-dawn.jpg",
        "cover_image_alt": "A clear stream running over mossy stones in a misty forest",
        "content_warnings": [],
        "published_at": "2026-06-15T07:00:00Z",
        "variants": [
            {
                "narrator": "kofi-brennan",
                "duration_seconds": 1200,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/forest-stream-at-dawn-20min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Rest here by a forest stream as the morning begins.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:11.000\n"
                    "[Water running over stones]\n"
                    "\n"
                    "00:00:12.000 --> 00:00:16.000\n"
                    "[Birdsong in the trees]\n"
                    "\n"
                    "00:19:48.000 --> 00:19:58.000\n"
                    "[The stream flows on as the sound fades]\n"
                ),
            },
        ],
    },
    {
        "slug": "ocean-swell",
        "locale": "en",
        "title": "Ocean swell",
        "description": (
            "Slow waves rolling onto a sandy shore with a light breeze. The unhurried rhythm can "
            "help slow your breathing as you settle for sleep."
        ),
        "kind": "soundscape",
        "narrator": "rosa-ilunga",
        "topics": ["sleep", "stress"],
        "level": "beginner",
        "is_premium": True,
        "cover_image_url": "https://media.smartmeditation.example/images/ocean-swell.jpg",
        "cover_image_alt": "Waves rolling onto a pale sandy beach under a moonlit sky",
        "content_warnings": [],
        "published_at": "2026-06-29T20:00:00Z",
        "variants": [
            {
                "narrator": "rosa-ilunga",
                "duration_seconds": 2700,
                "audio_url": "https://media.smartmeditation.example/audio/ocean-swell-45min.mp3",
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Welcome. Let the rhythm of the ocean slow your breathing.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:12.000\n"
                    "[Slow waves rolling onto a sandy shore]\n"
                    "\n"
                    "00:00:13.000 --> 00:00:17.000\n"
                    "[A gentle breeze]\n"
                    "\n"
                    "00:44:48.000 --> 00:44:58.000\n"
                    "[Waves continue softly into the night]\n"
                ),
            },
        ],
    },
    {
        "slug": "what-anxiety-is-for",
        "locale": "en",
        "title": "What anxiety is for",
        "description": (
            "Clinical psychologist Maren Okafor explains why anxiety exists, how the body's alarm "
            "system can become oversensitive, and why avoidance keeps it going. A short, "
            "plain-language lesson that makes anxiety less mysterious."
        ),
        "kind": "lesson",
        "narrator": "maren-okafor",
        "topics": ["anxiety"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/what-anxiety-is-for.jpg",
        "cover_image_alt": "A smoke alarm on a white ceiling with a small green light",
        "content_warnings": [],
        "published_at": "2026-07-13T07:00:00Z",
        "variants": [
            {
                "narrator": "maren-okafor",
                "duration_seconds": 300,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/what-anxiety-is-for-5min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:07.000\n"
                    "Hello. In this lesson, we'll look at what anxiety is actually for.\n"
                    "\n"
                    "00:00:08.000 --> 00:00:16.000\n"
                    "Anxiety is your body's alarm system. It evolved to keep you safe from "
                    "danger.\n"
                    "\n"
                    "00:00:17.000 --> 00:00:26.000\n"
                    "The trouble is, the alarm can become oversensitive and go off when there's no "
                    "real threat.\n"
                    "\n"
                    "00:00:27.000 --> 00:00:36.000\n"
                    "Avoiding what makes us anxious brings relief, but it teaches the alarm that "
                    "the danger was real.\n"
                    "\n"
                    "00:04:48.000 --> 00:04:58.000\n"
                    "Next time anxiety shows up, try saying: thank you, alarm, I've got this.\n"
                ),
            },
        ],
    },
    {
        "slug": "how-sleep-pressure-works",
        "locale": "en",
        "title": "How sleep pressure works",
        "description": (
            "Clinical psychologist Ifeoma Hartley explains the two forces that shape your sleep, "
            "sleep pressure and the body clock, and why a steady wake-up time matters so much."
        ),
        "kind": "lesson",
        "narrator": "ifeoma-hartley",
        "topics": ["sleep"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/how-sleep-pressure-works.jpg"
        ),
        "cover_image_alt": "An hourglass with sand running through it beside a bedside clock",
        "content_warnings": [],
        "published_at": "2026-07-27T07:00:00Z",
        "variants": [
            {
                "narrator": "ifeoma-hartley",
                "duration_seconds": 300,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/how-sleep-pressure-works-5min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Hello. Let's talk about two forces that shape your sleep.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "The first is sleep pressure, a drive for sleep that builds the longer you're "
                    "awake.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:24.000\n"
                    "The second is your body clock, which sets a daily rhythm of alertness and "
                    "sleepiness.\n"
                    "\n"
                    "00:00:25.000 --> 00:00:33.000\n"
                    "Sleep comes most easily when high sleep pressure lines up with your body "
                    "clock's night.\n"
                    "\n"
                    "00:04:48.000 --> 00:04:58.000\n"
                    "That's why a steady wake-up time is one of the most powerful things you can "
                    "change.\n"
                ),
            },
        ],
    },
    {
        "slug": "why-small-steps-work",
        "locale": "en",
        "title": "Why small steps work",
        "description": (
            "Psychotherapist Tomas Lindqvist-Reyes introduces behavioural activation: why "
            "motivation often follows action in depression, and how to choose a first small step."
        ),
        "kind": "lesson",
        "narrator": "tomas-lindqvist-reyes",
        "topics": ["depression"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/why-small-steps-work.jpg",
        "cover_image_alt": "Stepping stones crossing a shallow stream",
        "content_warnings": [],
        "published_at": "2026-08-10T07:00:00Z",
        "variants": [
            {
                "narrator": "tomas-lindqvist-reyes",
                "duration_seconds": 360,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/why-small-steps-work-6min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:08.000\n"
                    "Hello. In this lesson, we'll explore why small steps matter so much in low "
                    "mood.\n"
                    "\n"
                    "00:00:09.000 --> 00:00:16.000\n"
                    "Depression often tells us to wait until we feel motivated before we act.\n"
                    "\n"
                    "00:00:17.000 --> 00:00:23.000\n"
                    "But motivation usually follows action, not the other way round.\n"
                    "\n"
                    "00:00:24.000 --> 00:00:32.000\n"
                    "That's the idea behind behavioural activation: start small, plan it, and "
                    "notice what happens.\n"
                    "\n"
                    "00:05:48.000 --> 00:05:58.000\n"
                    "Choose one small step for today. That's enough.\n"
                ),
            },
        ],
    },
    {
        "slug": "understanding-antidepressant-timelines",
        "locale": "en",
        "title": "Understanding antidepressant timelines",
        "description": (
            "Psychiatrist Samuel Achterberg explains what usually happens in the first weeks on an "
            "antidepressant, why benefits take time, and why any change should be planned with "
            "your prescriber. Education only, not personal medical advice."
        ),
        "kind": "lesson",
        "narrator": "samuel-achterberg",
        "topics": ["medication", "depression"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/"
            "understanding-antidepressant-timelines.jpg"
        ),
        "cover_image_alt": "A row of seedlings at different stages of growth on a windowsill",
        "content_warnings": ["medication_change"],
        "published_at": "2026-08-24T07:00:00Z",
        "variants": [
            {
                "narrator": "samuel-achterberg",
                "duration_seconds": 420,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "understanding-antidepressant-timelines-7min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:09.000\n"
                    "Hello. I'm going to talk about what to expect in the first weeks on an "
                    "antidepressant.\n"
                    "\n"
                    "00:00:10.000 --> 00:00:19.000\n"
                    "Side effects often show up first, and many of them settle within a couple of "
                    "weeks.\n"
                    "\n"
                    "00:00:20.000 --> 00:00:28.000\n"
                    "The benefits on mood usually take longer, often four to six weeks or more.\n"
                    "\n"
                    "00:00:29.000 --> 00:00:37.000\n"
                    "If you're thinking of stopping or changing your dose, please talk to your "
                    "prescriber first.\n"
                    "\n"
                    "00:06:48.000 --> 00:06:58.000\n"
                    "And if you ever feel unsafe, contact emergency services or a crisis line "
                    "straight away.\n"
                ),
            },
        ],
    },
    {
        "slug": "stress-and-the-body",
        "locale": "en",
        "title": "Stress and the body",
        "description": (
            "What stress hormones do, why the stress response is useful in short bursts, and why "
            "recovery matters as much as effort. A short lesson with one practical idea to try "
            "today."
        ),
        "kind": "lesson",
        "narrator": "maren-okafor",
        "topics": ["stress"],
        "level": "beginner",
        "is_premium": True,
        "cover_image_url": "https://media.smartmeditation.example/images/stress-and-the-body.jpg",
        "cover_image_alt": "A taut violin string beside a relaxed, coiled one",
        "content_warnings": [],
        "published_at": "2026-09-07T07:00:00Z",
        "variants": [
            {
                "narrator": "maren-okafor",
                "duration_seconds": 360,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/stress-and-the-body-6min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:07.000\n"
                    "Hello. In this lesson, we'll look at what stress does in your body.\n"
                    "\n"
                    "00:00:08.000 --> 00:00:16.000\n"
                    "When you face a challenge, your body releases adrenaline and cortisol to help "
                    "you respond.\n"
                    "\n"
                    "00:00:17.000 --> 00:00:25.000\n"
                    "That's useful in short bursts. The problem comes when the stress response "
                    "stays switched on.\n"
                    "\n"
                    "00:00:26.000 --> 00:00:35.000\n"
                    "Recovery matters as much as effort: rest, movement, connection and sleep all "
                    "help reset the system.\n"
                    "\n"
                    "00:05:48.000 --> 00:05:58.000\n"
                    "Try one small recovery break today, even just a few slow breaths.\n"
                ),
            },
        ],
    },
    {
        "slug": "self-compassion-is-not-self-pity",
        "locale": "en",
        "title": "Self-compassion is not self-pity",
        "description": (
            "Psychotherapist Noor Haddad-Whitfield clears up common myths about self-compassion "
            "and explains why kindness towards yourself tends to increase motivation rather than "
            "reduce it."
        ),
        "kind": "lesson",
        "narrator": "noor-haddad-whitfield",
        "topics": ["self-compassion"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/self-compassion-is-not-self-pity.jpg"
        ),
        "cover_image_alt": "A person wrapped in a blanket watching the sunrise from a bench",
        "content_warnings": [],
        "published_at": "2026-09-21T07:00:00Z",
        "variants": [
            {
                "narrator": "noor-haddad-whitfield",
                "duration_seconds": 300,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "self-compassion-is-not-self-pity-5min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Hello. Let's clear up a few myths about self-compassion.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:13.000\n"
                    "Self-compassion isn't self-pity. It connects your struggle with everyone "
                    "else's.\n"
                    "\n"
                    "00:00:14.000 --> 00:00:23.000\n"
                    "It isn't letting yourself off the hook either. Kindness makes it easier to "
                    "learn from mistakes.\n"
                    "\n"
                    "00:00:24.000 --> 00:00:32.000\n"
                    "Research suggests people who are kinder to themselves are often more "
                    "motivated, not less.\n"
                    "\n"
                    "00:04:48.000 --> 00:04:58.000\n"
                    "Try asking yourself today: what would I say to a friend right now?\n"
                ),
            },
        ],
    },
    {
        "slug": "respiracion-cuadrada",
        "translation_of": "box-breathing",
        "locale": "es",
        "title": "Respiración cuadrada",
        "description": (
            "Respira siguiendo un cuadrado constante: inhala contando hasta cuatro, retén el aire "
            "cuatro, exhala cuatro y vuelve a retenerlo cuatro. Esta estructura sencilla le da a "
            "una mente ajetreada algo a lo que agarrarse. Sáltate las pausas si te resultan "
            "incómodas."
        ),
        "kind": "breathing",
        "narrator": "ari-nakamura-wells",
        "topics": ["breathing", "anxiety", "stress"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": "https://media.smartmeditation.example/images/respiracion-cuadrada.jpg",
        "cover_image_alt": "El marco de una ventana cuadrada con una suave luz de mañana detrás",
        "content_warnings": [],
        "published_at": "2026-02-26T07:00:00Z",
        "variants": [
            {
                "narrator": "ari-nakamura-wells",
                "duration_seconds": 180,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/respiracion-cuadrada-3min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Te doy la bienvenida. Siéntate con la espalda recta pero sin tensión, con los "
                    "pies en el suelo.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:16.000\n"
                    "Vamos a respirar en un cuadrado: inhala cuatro, retén cuatro, exhala cuatro, "
                    "retén cuatro.\n"
                    "\n"
                    "00:00:17.000 --> 00:00:26.000\n"
                    "Inhala, dos, tres, cuatro. Retén, dos, tres, cuatro.\n"
                    "\n"
                    "00:00:27.000 --> 00:00:36.000\n"
                    "Exhala, dos, tres, cuatro. Retén, dos, tres, cuatro.\n"
                    "\n"
                    "00:02:48.000 --> 00:02:58.000\n"
                    "Deja que la respiración vuelva a su ritmo natural. Muy bien.\n"
                ),
            },
        ],
    },
    {
        "slug": "escaneo-corporal-para-dormir",
        "translation_of": "body-scan-for-sleep",
        "locale": "es",
        "title": "Escaneo corporal para dormir",
        "description": (
            "Un escaneo corporal lento, para practicar en la cama, que lleva la atención desde los "
            "dedos de los pies hasta la coronilla. Ayuda a soltar la tensión del día y le da a una "
            "mente ocupada algo suave en lo que descansar. No pasa nada si te duermes antes del "
            "final."
        ),
        "kind": "guided",
        "narrator": "june-halvorsen",
        "topics": ["sleep", "mindfulness"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/escaneo-corporal-para-dormir.jpg"
        ),
        "cover_image_alt": (
            "Un dormitorio con luz tenue, sábanas blancas arrugadas y una lámpara de noche a media "
            "luz"
        ),
        "content_warnings": [],
        "published_at": "2026-02-12T20:00:00Z",
        "variants": [
            {
                "narrator": "june-halvorsen",
                "duration_seconds": 600,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "escaneo-corporal-para-dormir-10min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:06.000\n"
                    "Te doy la bienvenida. Acomódate en la cama y deja que tu cuerpo pese.\n"
                    "\n"
                    "00:00:07.000 --> 00:00:15.000\n"
                    "Ahora mismo no tienes nada que hacer ni ningún sitio al que ir.\n"
                    "\n"
                    "00:00:16.000 --> 00:00:24.000\n"
                    "Lleva la atención a los pies. Nota el calor, el frescor o, simplemente, nada "
                    "en absoluto.\n"
                    "\n"
                    "00:00:25.000 --> 00:00:31.000\n"
                    "Deja que esa atención suba despacio por los tobillos y las pantorrillas.\n"
                    "\n"
                    "00:09:48.000 --> 00:09:58.000\n"
                    "Si todavía no te has dormido, no pasa nada. Sigue descansando. Buenas "
                    "noches.\n"
                ),
            },
        ],
    },
    {
        "slug": "respirar-en-medio-del-panico",
        "translation_of": "breathing-through-panic",
        "locale": "es",
        "title": "Respirar en medio del pánico",
        "description": (
            "Una voz tranquila que te acompaña mientras el pánico sube y baja. Las exhalaciones "
            "lentas y unas sencillas indicaciones para anclarte al presente te ayudan a dejar "
            "pasar la ola en lugar de luchar contra ella. Úsala en el momento, o practícala "
            "primero un día tranquilo."
        ),
        "kind": "breathing",
        "narrator": "rosa-ilunga",
        "topics": ["anxiety", "breathing"],
        "level": "beginner",
        "is_premium": False,
        "cover_image_url": (
            "https://media.smartmeditation.example/images/respirar-en-medio-del-panico.jpg"
        ),
        "cover_image_alt": (
            "Un pequeño bote que flota sobre olas suaves bajo un cielo que se despeja"
        ),
        "content_warnings": [],
        "published_at": "2026-05-07T07:00:00Z",
        "variants": [
            {
                "narrator": "rosa-ilunga",
                "duration_seconds": 180,
                "audio_url": (
                    "https://media.smartmeditation.example/audio/"
                    "respirar-en-medio-del-panico-3min.mp3"
                ),
                "transcript_vtt": (
                    "WEBVTT\n"
                    "\n"
                    "00:00:00.000 --> 00:00:07.000\n"
                    "Estoy aquí contigo. Lo que sientes es pánico, y va a pasar.\n"
                    "\n"
                    "00:00:08.000 --> 00:00:17.000\n"
                    "No hace falta que tomes grandes bocanadas de aire. Solo deja que la "
                    "exhalación sea lenta, como un suspiro.\n"
                    "\n"
                    "00:00:18.000 --> 00:00:25.000\n"
                    "Presiona los pies contra el suelo. Nota qué firme está debajo de ti.\n"
                    "\n"
                    "00:00:26.000 --> 00:00:30.000\n"
                    "Inhala con suavidad y exhala despacio.\n"
                    "\n"
                    "00:02:48.000 --> 00:02:58.000\n"
                    "La ola está pasando. Quédate aquí todo el tiempo que necesites.\n"
                ),
            },
        ],
    },
]

COLLECTIONS: list[dict[str, Any]] = [
    {
        "slug": "seven-days-of-calmer-sleep",
        "locale": "en",
        "title": "Seven days of calmer sleep",
        "description": (
            "A one-week course that combines the science of sleep with practical habits and "
            "wind-down practices. Each day brings one short lesson, article or practice to build "
            "an evening routine that works for you."
        ),
        "kind": "course",
        "cover_image_url": (
            "https://media.smartmeditation.example/images/seven-days-of-calmer-sleep.jpg"
        ),
        "topics": ["sleep"],
        "published_at": "2026-10-20T07:00:00Z",
        "items": [
            {
                "track": "how-sleep-pressure-works",
            },
            {
                "article": "sleep-hygiene-that-actually-helps",
            },
            {
                "track": "extended-exhale",
            },
            {
                "track": "body-scan-for-sleep",
            },
            {
                "article": "cbt-i-basics",
            },
            {
                "track": "the-greenhouse-at-dusk",
            },
            {
                "track": "rain-on-a-tin-roof",
            },
        ],
    },
    {
        "slug": "understanding-your-antidepressant",
        "locale": "en",
        "title": "Understanding your antidepressant",
        "description": (
            "A clinically reviewed series on starting, living with and coming off antidepressants, "
            "including newer treatments for hard-to-treat depression. It is designed to help you "
            "prepare for conversations with your prescriber, not to replace them."
        ),
        "kind": "series",
        "cover_image_url": (
            "https://media.smartmeditation.example/images/understanding-your-antidepressant.jpg"
        ),
        "topics": ["medication", "depression"],
        "published_at": "2026-10-06T07:00:00Z",
        "items": [
            {
                "article": "starting-an-ssri-what-to-expect",
            },
            {
                "track": "understanding-antidepressant-timelines",
            },
            {
                "article": "tapering-antidepressants-safely",
            },
            {
                "article": "lamotrigine-and-ketamine-for-depression",
            },
            {
                "article": "when-to-seek-urgent-help",
            },
        ],
    },
    {
        "slug": "anxiety-first-aid",
        "locale": "en",
        "title": "Anxiety first aid",
        "description": (
            "Quick practices and short reads for when anxiety or panic rises. Start with the "
            "three-minute breathing track, then explore why panic happens and how to ground "
            "yourself."
        ),
        "kind": "playlist",
        "cover_image_url": "https://media.smartmeditation.example/images/anxiety-first-aid.jpg",
        "topics": ["anxiety", "breathing"],
        "published_at": "2026-06-22T07:00:00Z",
        "items": [
            {
                "track": "breathing-through-panic",
            },
            {
                "article": "understanding-panic-attacks",
            },
            {
                "track": "box-breathing",
            },
            {
                "article": "grounding-5-4-3-2-1",
            },
            {
                "track": "working-with-worry",
            },
            {
                "track": "sigh-it-out",
            },
        ],
    },
    {
        "slug": "gentle-steps-out-of-low-mood",
        "locale": "en",
        "title": "Gentle steps out of low mood",
        "description": (
            "A short course drawing on behavioural activation, self-compassion and mindfulness. "
            "Take it at your own pace; each item offers one small, concrete thing to try."
        ),
        "kind": "course",
        "cover_image_url": (
            "https://media.smartmeditation.example/images/gentle-steps-out-of-low-mood.jpg"
        ),
        "topics": ["depression", "self-compassion", "mindfulness"],
        "published_at": "2026-10-27T07:00:00Z",
        "items": [
            {
                "track": "why-small-steps-work",
            },
            {
                "article": "behavioural-activation-small-steps",
            },
            {
                "track": "a-kinder-inner-voice",
            },
            {
                "article": "self-compassion-when-you-are-struggling",
            },
            {
                "article": "breaking-the-rumination-loop",
            },
            {
                "track": "noting-thoughts-as-thoughts",
            },
        ],
    },
    {
        "slug": "stress-reset",
        "locale": "en",
        "title": "Stress reset",
        "description": (
            "A playlist for busy, pressured days: understand what stress does to your body, tell "
            "burnout from depression, and recover with breathing and calming sound."
        ),
        "kind": "playlist",
        "cover_image_url": "https://media.smartmeditation.example/images/stress-reset.jpg",
        "topics": ["stress", "breathing"],
        "published_at": "2026-11-03T07:00:00Z",
        "items": [
            {
                "track": "stress-and-the-body",
            },
            {
                "article": "burnout-or-depression",
            },
            {
                "track": "resonant-breathing-six-per-minute",
            },
            {
                "article": "slow-breathing-for-stress",
            },
            {
                "track": "forest-stream-at-dawn",
            },
            {
                "track": "arriving-in-the-body",
            },
        ],
    },
]
