"""The offline coach's knowledge of stages: what each one calls for, and what to ask in it."""

from __future__ import annotations

from dataclasses import dataclass

from jobtracker.applications.stages import Stage


@dataclass(frozen=True)
class StagePlan:
    focus: str
    questions: tuple[str, ...]
    preparation: tuple[str, ...]
    # How many of the role family's questions belong in a plan for this stage.
    role_questions: int


BEHAVIOURAL = (
    "Tell me about a time you disagreed with a colleague or manager. How was it resolved?",
    "Describe a time you had to deliver under a tight deadline.",
    "What is the achievement you are proudest of, and what was your part in it?",
)

STAGES: dict[Stage, StagePlan] = {
    Stage.WISHLIST: StagePlan(
        focus="deciding whether to apply and getting the application ready",
        questions=(
            "Why do you want to work at this company, in one sentence?",
            "Which two requirements do you match best, and which one least?",
        ),
        preparation=(
            "Read the job description twice and mark every requirement you can prove.",
            "Look for someone at the company who could tell you more or refer you.",
            "Write down the application deadline and what the application asks for.",
        ),
        role_questions=2,
    ),
    Stage.DRAFTING: StagePlan(
        focus="finishing a strong application",
        questions=(
            "What is the one thing the hiring manager must remember about you?",
            "Which achievements best match what this posting asks for?",
        ),
        preparation=(
            "Tailor your resume's top third to the job description's key words.",
            "Write the cover letter around two concrete achievements, not duties.",
            "Finish the deliverables below before the deadline and proofread them.",
        ),
        role_questions=2,
    ),
    Stage.APPLIED: StagePlan(
        focus="following up and getting ready for a first call",
        questions=(
            "Walk me through your background in two minutes.",
            "Why are you interested in this role?",
            "What are your salary expectations?",
        ),
        preparation=(
            "If you hear nothing within a week or two, send a short, friendly follow-up.",
            "Prepare a two-minute story of your background that ends at this role.",
            "Decide your salary range now, from market data, before anyone asks.",
        ),
        role_questions=3,
    ),
    Stage.SCREENING: StagePlan(
        focus="the screening call, usually with a recruiter",
        questions=(
            "Walk me through your background in two minutes.",
            "Why are you interested in this company and this role?",
            "Why are you leaving your current job (or why now)?",
            "What are your salary expectations?",
            "When could you start, and do you have other processes running?",
        ),
        preparation=(
            "Rehearse your two-minute background story out loud until it flows.",
            "Have a salary range ready, based on market data and the posting.",
            "Prepare two questions for the recruiter: the interview steps and the team.",
            "Check your notice period and availability for the next rounds.",
        ),
        role_questions=2,
    ),
    Stage.INTERVIEW: StagePlan(
        focus="the interviews",
        questions=BEHAVIOURAL,
        preparation=(
            "Write four or five STAR stories (situation, task, action, result) and rehearse them.",
            "Prepare three thoughtful questions to ask each interviewer.",
            "Re-read the job description and your application the day before.",
            "Send a short thank-you note within a day after each round.",
        ),
        role_questions=6,
    ),
    Stage.OFFER: StagePlan(
        focus="evaluating and negotiating the offer",
        questions=(
            "What is the full package: base, bonus, equity, pension, holidays?",
            "Is there flexibility on the base salary or the start date?",
            "What does the first six months look like, and how is performance reviewed?",
            "When do you need my answer?",
        ),
        preparation=(
            "Get the offer in writing before you negotiate.",
            "Compare it with market data and with your own minimum; pick one number to ask for.",
            "Negotiate politely and specifically: thank them, state the number, give a reason.",
            "Ask for time if you need it; a few days is normal.",
        ),
        role_questions=0,
    ),
    Stage.ACCEPTED: StagePlan(
        focus="a good start in the new job",
        questions=("What should I read or set up before my first day?",),
        preparation=(
            "Thank the people who helped you along the way, including your contacts here.",
            "Withdraw politely from your other open applications.",
            "Plan your first 30 days: people to meet, things to learn, an early win.",
        ),
        role_questions=0,
    ),
    Stage.REJECTED: StagePlan(
        focus="learning from it and moving on",
        questions=("What could I have done better in this process?",),
        preparation=(
            "Ask for brief feedback; some companies will share it.",
            "Send a gracious reply: doors reopen more often than you think.",
            "Note what went well and what to practise before your next interview.",
        ),
        role_questions=0,
    ),
    Stage.WITHDRAWN: StagePlan(
        focus="closing this one cleanly",
        questions=(),
        preparation=(
            "Let your contacts know politely, with thanks, if you have not yet.",
            "Write down why you withdrew: it sharpens what you look for next.",
        ),
        role_questions=0,
    ),
    Stage.GHOSTED: StagePlan(
        focus="one last follow-up, then moving on",
        questions=(),
        preparation=(
            "Send one short follow-up to your contact asking about next steps.",
            "Set yourself a date after which you stop waiting.",
            "Put the energy into your other applications.",
        ),
        role_questions=0,
    ),
}
