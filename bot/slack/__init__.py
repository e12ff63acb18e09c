"""The Slack adapter: the only package that imports slack_bolt and slack_sdk.

app.py builds the AsyncApp (and drops repeated deliveries), run.py runs it in Socket Mode or behind
http.py's endpoint; listeners/ holds the slash commands, list commands, events and buttons; render/
turns the service's records into Block Kit; send.py posts; deps.py and memory.py are what listeners share.
"""
