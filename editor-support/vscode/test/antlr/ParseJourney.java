// Parses .journey files with the parser ANTLR generates from grammar/Journey.g4
// and prints every syntax error as FILE:LINE:COLUMN: MESSAGE. Used by
// language_grammar.test.mjs to check that the fixtures and snippets are
// Journey as the compiler reads it.
import java.nio.file.Paths;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

public class ParseJourney {
  public static void main(String[] args) throws Exception {
    for (String file : args) {
      BaseErrorListener report = new BaseErrorListener() {
        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object symbol, int line, int column,
                                String message, RecognitionException error) {
          System.out.println(file + ":" + line + ":" + (column + 1) + ": " + message);
        }
      };
      JourneyLexer lexer = new JourneyLexer(CharStreams.fromPath(Paths.get(file)));
      lexer.removeErrorListeners();
      lexer.addErrorListener(report);
      JourneyParser parser = new JourneyParser(new CommonTokenStream(lexer));
      parser.removeErrorListeners();
      parser.addErrorListener(report);
      parser.file();
    }
  }
}
