/** The accepted upload types of a document's text (.txt, .md, .docx), for the file inputs' `accept`. */
export const ACCEPT = ".txt,.md,.docx,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document";
