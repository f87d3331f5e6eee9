"""The offline coach's knowledge of roles: families, their questions, skills to listen for."""

from __future__ import annotations

from dataclasses import dataclass


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(phrase.strip() for phrase in text.split(","))


@dataclass(frozen=True)
class RoleFamily:
    name: str
    # Matched as whole words or phrases, case-insensitively, in the role and job description.
    keywords: tuple[str, ...]
    questions: tuple[str, ...]
    preparation: tuple[str, ...]


# Most specific first: on a tie, the earlier family wins.
FAMILIES: tuple[RoleFamily, ...] = (
    RoleFamily(
        name="backend engineering",
        keywords=_phrases(
            "backend, back-end, back end, api, apis, microservices, "
            "distributed systems, server-side, django, spring, golang, rails"
        ),
        questions=(
            "Design a rate limiter for a public API. Where does its state live when you run "
            "several instances?",
            "How would you design a URL shortener / a job queue that survives a worker crash?",
            "Walk me through a slow endpoint you made fast: how did you find the bottleneck?",
            "When do you reach for a database transaction, and what isolation level do you need?",
            "How do you change a database schema without downtime?",
            "Tell me about a production incident you handled. What did you change afterwards?",
        ),
        preparation=(
            "Practise one system design out loud: requirements, API, data model, scaling, "
            "failure modes, in 35 minutes.",
            "Refresh indexing, transactions and isolation levels, caching and idempotency.",
            "Prepare a two-minute walkthrough of a service you built, with the trade-offs.",
            "Have one incident story ready: detection, mitigation, root cause, follow-up.",
        ),
    ),
    RoleFamily(
        name="frontend engineering",
        keywords=_phrases(
            "frontend, front-end, front end, react, vue, angular, css, javascript, "
            "typescript, web developer, ui engineer"
        ),
        questions=(
            "How does the browser get from HTML to pixels, and what makes a page janky?",
            "How would you structure state in a large single-page app?",
            "Build a small component live: an accessible autocomplete or a modal.",
            "How do you make a page accessible to keyboard and screen-reader users?",
            "What do you measure to know a page is fast (LCP, INP, CLS), and how do you improve "
            "it?",
            "Tell me about a UI you shipped that users found confusing. What did you change?",
        ),
        preparation=(
            "Practise building one component from scratch without a library, with tests.",
            "Review the rendering pipeline, Core Web Vitals and common accessibility patterns.",
            "Prepare a demo or screenshots of interfaces you built and the decisions behind them.",
            "Know how you would fetch, cache and invalidate server data in their framework.",
        ),
    ),
    RoleFamily(
        name="mobile development",
        keywords=_phrases("ios, android, mobile, swift, kotlin, react native, flutter"),
        questions=(
            "How do you keep an app responsive while it loads data over a slow network?",
            "How do you handle offline use and syncing changes back later?",
            "Walk me through the lifecycle of a screen and where state should live.",
            "How do you track down a crash that only happens on some devices?",
            "How do you release safely: staged rollouts, feature flags, forced updates?",
        ),
        preparation=(
            "Have an app you worked on installed and ready to show.",
            "Review platform lifecycle, concurrency and memory management basics.",
            "Prepare one story about a hard bug and how you reproduced it.",
        ),
    ),
    RoleFamily(
        name="DevOps and site reliability",
        keywords=_phrases(
            "devops, sre, site reliability, platform engineer, infrastructure, "
            "kubernetes, terraform, cloud engineer, observability"
        ),
        questions=(
            "A service's latency doubled after a deploy. Walk me through your first 15 minutes.",
            "How do you define SLOs and error budgets, and what happens when one is spent?",
            "How would you design a CI/CD pipeline with safe rollbacks?",
            "How do you manage secrets across environments?",
            "Tell me about an outage you were part of and the postmortem that followed.",
        ),
        preparation=(
            "Rehearse an incident walkthrough: detect, mitigate, communicate, fix, learn.",
            "Review Kubernetes basics, infrastructure as code and monitoring versus alerting.",
            "Be ready to sketch the infrastructure you run today on a whiteboard.",
        ),
    ),
    RoleFamily(
        name="data and machine learning",
        keywords=_phrases(
            "data scientist, data science, data analyst, data engineer, "
            "machine learning, ml engineer, analytics, statistics, etl, "
            "data pipeline, sql"
        ),
        questions=(
            "Write a SQL query live: top customers per month, with window functions.",
            "How would you design an A/B test, and how do you know when to stop it?",
            "Tell me about a model or analysis that changed a decision. How did you convince "
            "people?",
            "How do you detect and handle data quality problems in a pipeline?",
            "Explain overfitting and how you guard against it to a non-technical stakeholder.",
        ),
        preparation=(
            "Practise SQL with joins, window functions and aggregation under time pressure.",
            "Refresh hypothesis testing, confidence intervals and experiment design.",
            "Prepare one end-to-end project story: question, data, method, result, impact.",
        ),
    ),
    RoleFamily(
        name="software engineering",
        keywords=_phrases(
            "software, developer, engineer, programmer, full stack, fullstack, "
            "full-stack, coding, python, java"
        ),
        questions=(
            "Solve a coding problem live and talk through your approach and its complexity.",
            "How do you decide how much to test, and what kinds of tests?",
            "Tell me about a technical decision you disagreed with. What happened?",
            "Walk me through the most complex system you have worked on.",
            "How do you review code, and what do you look for first?",
        ),
        preparation=(
            "Solve a few medium coding problems out loud with a timer.",
            "Prepare a project walkthrough: the problem, your part, the trade-offs, the result.",
            "Review the languages and tools named in the job description.",
        ),
    ),
    RoleFamily(
        name="design",
        keywords=_phrases(
            "designer, design, ux, ui/ux, user experience, figma, product design, "
            "visual design, graphic, user research"
        ),
        questions=(
            "Walk me through a case study from problem to shipped result.",
            "How do you decide what to test with users, and what did a test change?",
            "Tell me about a time engineering or product pushed back on your design.",
            "How do you work with a design system, and when do you break it?",
            "Critique our product: what would you change first and why?",
        ),
        preparation=(
            "Pick two portfolio case studies and rehearse them in ten minutes each.",
            "Use the company's product and note three specific improvements.",
            "Be ready for a whiteboard or take-home design exercise.",
        ),
    ),
    RoleFamily(
        name="product management",
        keywords=_phrases(
            "product manager, product owner, product management, roadmap, product lead"
        ),
        questions=(
            "How do you decide what goes on the roadmap and what does not?",
            "Tell me about a product you launched: the goal, the metric, the result.",
            "A key metric dropped 10% overnight. How do you investigate?",
            "How do you say no to a senior stakeholder?",
            "Design a product for a specific user group: who, what problem, what first?",
        ),
        preparation=(
            "Prepare a launch story with numbers: goal, metric, result, what you learned.",
            "Practise a product design question with a clear framework.",
            "Study the company's product and form a view on its next step.",
        ),
    ),
    RoleFamily(
        name="nursing",
        keywords=_phrases(
            "nurse, nursing, rn, lpn, registered nurse, icu, charge nurse, "
            "midwife, patient care, ward, triage, bedside"
        ),
        questions=(
            "A patient's condition suddenly deteriorates during your shift. Walk me through "
            "what you do.",
            "How do you prioritise care when several patients need you at once?",
            "Tell me about a time you caught a medication error or a near miss.",
            "How do you handle a family member who is upset or angry about a patient's care?",
            "How do you hand over patients at the end of a shift (for example with SBAR)?",
            "How do you look after yourself to avoid burnout in a demanding unit?",
        ),
        preparation=(
            "Prepare two or three patient care stories in the STAR format, anonymised.",
            "Review escalation (early warning scores), SBAR handover, infection control and "
            "medication safety.",
            "Have your licence, registration and certifications (BLS, ACLS) ready to show.",
            "Read up on the unit: its patients, staffing ratios and shift pattern.",
        ),
    ),
    RoleFamily(
        name="healthcare",
        keywords=_phrases(
            "physician, doctor, pharmacist, therapist, physiotherapist, clinical, "
            "clinic, medical, healthcare, hospital, caregiver, dental, paramedic, "
            "patient, patients"
        ),
        questions=(
            "Tell me about a difficult clinical decision and how you made it.",
            "How do you explain a complex treatment to a worried patient?",
            "How do you work within a multidisciplinary team when you disagree on care?",
            "How do you keep your clinical knowledge current?",
            "Describe a time you put patient safety first under time pressure.",
        ),
        preparation=(
            "Prepare patient-centred stories in the STAR format, anonymised.",
            "Review the guidelines and protocols relevant to this role.",
            "Have licences, registrations and references ready.",
        ),
    ),
    RoleFamily(
        name="teaching",
        keywords=_phrases(
            "teacher, teaching, tutor, instructor, lecturer, curriculum, "
            "classroom, school, education, pupils, students"
        ),
        questions=(
            "Walk me through a lesson you are proud of. How did you know it worked?",
            "How do you adapt a lesson for students at very different levels?",
            "How do you handle disruptive behaviour in the classroom?",
            "How do you work with parents who disagree with you?",
            "How do you use assessment to plan your next lessons?",
        ),
        preparation=(
            "Prepare a sample lesson plan; be ready to teach a short demo lesson.",
            "Read the school's curriculum, values and latest inspection report.",
            "Prepare stories about differentiation, behaviour and parent communication.",
        ),
    ),
    RoleFamily(
        name="sales",
        keywords=_phrases(
            "sales, account executive, business development, sdr, bdr, "
            "account manager, quota, pipeline, revenue"
        ),
        questions=(
            "Sell me this product: what do you ask before you pitch?",
            "Walk me through your pipeline and how you forecast it.",
            "Tell me about a deal you lost and what you learned.",
            "How did you perform against quota in your last role? Give numbers.",
            "How do you handle the objection 'it is too expensive'?",
        ),
        preparation=(
            "Know your numbers: quota, attainment, deal sizes, sales cycle.",
            "Research the company's customers, competitors and pricing.",
            "Practise a discovery call and a short pitch out loud.",
        ),
    ),
    RoleFamily(
        name="marketing",
        keywords=_phrases(
            "marketing, seo, content, brand, campaign, social media, growth, communications"
        ),
        questions=(
            "Walk me through a campaign you ran: the goal, channel, budget and result.",
            "How do you decide which channels to invest in?",
            "How do you measure brand work that does not convert directly?",
            "Tell me about a campaign that failed. What did you change?",
            "What would you do in your first 90 days here?",
        ),
        preparation=(
            "Prepare two campaign stories with numbers.",
            "Audit the company's website, social channels and messaging; note ideas.",
            "Bring examples of your writing or creative work.",
        ),
    ),
    RoleFamily(
        name="finance and accounting",
        keywords=_phrases(
            "finance, financial, accountant, accounting, audit, auditor, cpa, "
            "controller, bookkeeping, treasury, investment, banking, fp&a"
        ),
        questions=(
            "Walk me through the three financial statements and how they connect.",
            "How would you build a forecast or budget for a new business line?",
            "Tell me about a time you found an error in the numbers. What did you do?",
            "How do you explain a variance to a non-finance manager?",
            "How do you make the month-end close faster and more reliable?",
        ),
        preparation=(
            "Refresh accounting fundamentals and the standards named in the posting.",
            "Practise a short case or spreadsheet exercise under time pressure.",
            "Prepare a story about improving a process or a control.",
        ),
    ),
    RoleFamily(
        name="customer support",
        keywords=_phrases(
            "customer support, customer service, support specialist, help desk, "
            "helpdesk, customer success, support agent"
        ),
        questions=(
            "How do you calm down an angry customer?",
            "Tell me about a time you could not give the customer what they wanted.",
            "How do you prioritise a queue of urgent tickets?",
            "How do you pass feedback from customers on to the product team?",
            "What does great support look like to you?",
        ),
        preparation=(
            "Prepare stories about de-escalation and going the extra mile.",
            "Try the company's product and its support channels yourself.",
            "Know the metrics: response time, resolution time, satisfaction.",
        ),
    ),
)

GENERAL = RoleFamily(
    name="this kind of role",
    keywords=(),
    questions=(
        "What in your experience makes you a good fit for this role?",
        "Tell me about a challenge at work and how you handled it.",
        "How do you organise your work when everything is urgent?",
        "Tell me about a mistake you made and what you learned.",
        "Where do you want to be in a few years, and how does this role fit?",
    ),
    preparation=(
        "Match each requirement in the job description to an example from your experience.",
        "Prepare three or four STAR stories you can adapt to many questions.",
        "Research the company: what it does, recent news, its values.",
    ),
)

# Skills worth a question when the job description names them, as they are usually written.
SKILLS = _phrases(
    "Python, Go, Java, Kotlin, Swift, TypeScript, JavaScript, Rust, C#, C++, Ruby, "
    "PHP, SQL, PostgreSQL, MySQL, MongoDB, Redis, Kafka, RabbitMQ, Kubernetes, "
    "Docker, Terraform, AWS, GCP, Azure, GraphQL, gRPC, REST, React, Vue, Angular, "
    "Next.js, Django, FastAPI, Spring, Node.js, Spark, Airflow, dbt, Tableau, "
    "Power BI, Excel, Figma, Salesforce, HubSpot, SAP, machine learning, "
    "microservices, CI/CD, system design, accessibility, ICU, emergency department, "
    "medication administration, wound care, triage, patient assessment, "
    "infection control, electronic health records, EHR, BLS, ACLS, paediatrics, "
    "pediatrics, oncology, palliative care, mental health, lesson planning, "
    "safeguarding, special educational needs, classroom management, negotiation, "
    "forecasting, IFRS, GAAP, budgeting, stakeholder management, project management, "
    "Agile, Scrum"
)
