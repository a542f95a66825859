using ChatBot.Investigation;
using ChatBot.Wording;

namespace ChatBot.Tests;

/// <summary>A finding's words as every front end shows them, so that a test reads what people read.</summary>
internal static class FindingWords
{
    extension(Finding f)
    {
        /// <summary>The explanation the CLI prints and the Slack answer notes.</summary>
        public string Explanation => Wording.Explanation.Of(f);

        /// <summary>The problems as one text, as the CLI's <c>error</c> field has it; null when there are none.</summary>
        public string? Error => ProblemText.Error(f);
    }
}
