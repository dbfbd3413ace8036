// The Journey language: the one grammar of Kairos.
//
// The C++ parser is generated from this file at build time and stays private to
// compiler/syntax, which turns the parse tree into Kairos' own AST. Keep rule
// names stable: the AST builder visits them by name.
//
// Keywords are reserved only where an expression could otherwise be ambiguous
// (`and or not in where within since between true false null`); every other
// keyword is "soft" and may also be used as a name (see `ident`), so a schema may
// have fields called `at`, `source`, `channel` or `email`.
grammar Journey;

file : decl* EOF ;

// One expression on its own, such as a segment and its arguments given on the
// command line (`browsers("shoes")`).
expressionInput : expr EOF ;

decl
  : schemaDecl
  | segmentDecl
  | journeyDecl
  | campaignDecl
  | couponDecl
  | popupDecl
  | policyDecl
  | builtinDecl
  ;

// ---------------------------------------------------------------------------
// Schema

schemaDecl
  : SCHEMA ident '{' schemaItem* '}'
  | EXTEND SCHEMA '{' schemaItem* '}'
  ;

schemaItem
  : CURRENCY CURRENCY_CODE ';'?               # currencyItem
  | TIMEZONE STRING ';'?                      # timezoneItem
  | CONTACT '{' fieldList '}'                 # contactItem
  | PRODUCT '{' fieldList '}'                 # productItem
  | RECORD ident '{' fieldList '}'            # recordItem
  | EVENT ident '{' fieldList '}'             # eventItem
  ;

fieldList : (fieldDecl (',' | ';')?)* ;

fieldDecl : ident ':' typeExpr KEY? ('=' expr)? ;

typeExpr : baseType QUESTION? ;

baseType
  : ENUM '{' ident (',' ident)* ','? '}'      # enumType
  | ident '<' typeExpr '>'                    # genericType
  | '{' fieldList '}'                         # inlineRecordType
  | ident                                     # namedType
  ;

// ---------------------------------------------------------------------------
// Segments and built-in declarations

segmentDecl : SEGMENT ident paramList? '=' expr ';'? ;

paramList : '(' (param (',' param)*)? ')' ;

param : ident ':' typeExpr ;

// Signatures of the standard library's built-ins, written in the prelude.
builtinDecl : BUILTIN ident paramList ':' typeExpr ';'? ;

// ---------------------------------------------------------------------------
// Journeys and campaigns

journeyDecl : JOURNEY ident '{' journeyItem* '}' ;

journeyItem
  : clause
  | step
  ;

clause
  : TRIGGER trigger                                        # triggerClause
  | WHEN expr ';'?                                         # whenClause
  | REENTRY (ONCE | ALWAYS | AFTER expr) ';'?              # reentryClause
  | EXIT WHEN expr window? ';'?                            # exitWhenClause
  | GOAL expr window? ';'?                                 # goalClause
  ;

trigger
  : ENTERED_SEGMENT expr ';'?                              # segmentTrigger
  | LEFT_SEGMENT expr ';'?                                 # segmentTrigger
  | DAILY AT expr (WHERE expr)? ';'?                       # dailyTrigger
  | EVERY expr (WHERE expr)? ';'?                          # everyTrigger
  | ident (AS ident)? (WHERE expr)? ';'?                   # eventTrigger
  ;

block : '{' step* '}' ;

// `notify` takes its recipient as a postfix expression (a string, a name, a
// field): were it a full expression, a `+` or `-` after any expression could
// start the message instead, and deciding that would take unbounded lookahead.
step
  : WAIT UNTIL expr (WHERE expr)? window? waitArm* ';'?   # waitUntilStep
  | WAIT expr ';'?                                         # waitStep
  | IF expr block (ELSE IF expr block)* (ELSE block)?      # ifStep
  | SPLIT splitArm+                                        # splitStep
  | SEND ident TEMPLATE? STRING recordLiteral? ';'?        # sendStep
  | LET ident '=' expr ';'?                                # letStep
  | ISSUE COUPON ident ';'?                                # issueStep
  | (TAG | UNTAG) CONTACT expr ';'?                        # tagStep
  | SET expr '=' expr ';'?                                 # setStep
  | NOTIFY postfix expr ';'?                               # notifyStep
  | SCORE expr ';'?                                        # scoreStep
  | EMIT ident recordLiteral? ';'?                         # emitStep
  | EXIT ';'?                                              # exitStep
  ;

waitArm
  : ON TIMEOUT block                                       # timeoutArm
  | ON ident block                                         # eventArm
  ;

splitArm : number PERCENT block ;

campaignDecl : CAMPAIGN ident '{' campaignItem* '}' ;

campaignItem
  : AUDIENCE expr ';'?                                     # audienceItem
  | AT expr ';'?                                           # atItem
  | ATTRIBUTION attributionRule (',' attributionRule)* ';'? # attributionItem
  | step                                                   # campaignStep
  ;

attributionRule : expr AFTER ident ;

// ---------------------------------------------------------------------------
// Coupons, popups, policies

couponDecl : COUPON ident '{' couponItem* '}' ;

couponItem
  : DISCOUNT expr ';'?                                     # discountItem
  | CODES GENERATED STRING ';'?                            # codesGeneratedItem
  | CODES FROM STRING ';'?                                 # codesFromItem
  | LIMIT expr ';'?                                        # limitItem
  | ISSUE BETWEEN additive AND additive ';'?               # issueWindowItem
  | VALID FOR expr ';'?                                    # validForItem
  | WHEN EXHAUSTED (SKIP_ | FALLBACK ident | STOP JOURNEY) ';'? # exhaustedItem
  ;

popupDecl : POPUP ident '{' popupItem* '}' ;

popupItem
  : SHOW TO expr ';'?                                      # showToItem
  | TRIGGER popupTrigger (OR popupTrigger)* ';'?           # popupTriggerItem
  | ON SUBMIT EMIT ident recordLiteral? ';'?               # onSubmitItem
  | ON ident recordLiteral ';'?                            # onDeviceItem
  ;

popupTrigger
  : AFTER additive                                         # afterPopupTrigger
  | SCROLL additive                                            # scrollPopupTrigger
  | ident                                                  # namedPopupTrigger
  ;

policyDecl : POLICY '{' policyItem* '}' ;

policyItem
  : QUIET HOURS additive TO additive ';'?                  # quietHoursItem
  | CAP ident INT PER expr ';'?                            # capItem
  | SMS LIMIT INT ident ';'?                               # smsLimitItem
  ;

// ---------------------------------------------------------------------------
// Expressions, loosest binding first. `??` binds looser than comparisons.

expr : orExpr ;

orExpr : andExpr (OR andExpr)* ;

andExpr : notExpr (AND notExpr)* ;

notExpr
  : NOT notExpr
  | coalesce
  ;

coalesce : comparison (COALESCE comparison)* ;

comparison : additive (compareOp additive)? ;

compareOp : EQ | NE | LT | LE | GT | GE | IN | NOT IN ;

additive : multiplicative ((PLUS | MINUS) multiplicative)* ;

multiplicative : unary ((STAR | SLASH) unary)* ;

unary
  : (MINUS | PLUS) unary
  | postfix
  ;

postfix : primary postfixOp* ;

postfixOp
  : DOT ident                                              # memberOp
  | SAFE_DOT ident                                         # safeMemberOp
  | '(' (callArg (',' callArg)*)? ')'                      # callOp
  ;

// A call argument may carry `where P` and a window; only history functions
// accept them, which the checker enforces.
callArg : expr (WHERE expr)? window? ;

window
  : WITHIN additive                                        # withinWindow
  | SINCE additive                                         # sinceWindow
  | BETWEEN additive AND additive                          # betweenWindow
  ;

primary
  : literal                                                # literalExpr
  | ISSUE COUPON ident                                     # issueCouponExpr
  | ident                                                  # nameExpr
  | '(' expr ')'                                           # parenExpr
  | '[' (expr (',' expr)* ','?)? ']'                       # listExpr
  | recordLiteral                                          # recordExpr
  ;

recordLiteral : '{' (recordField (',' | ';')?)* '}' ;

recordField : ident ':' expr ;

literal
  : number CURRENCY_CODE                                   # moneyLiteral
  | CURRENCY_SYMBOL number                                 # moneyLiteral
  | number PERCENT                                         # percentLiteral
  | DURATION+                                              # durationLiteral
  | DATE TIME?                                             # dateLiteral
  | TIME                                                   # timeLiteral
  | TIMESTAMP                                              # timestampLiteral
  | number                                                 # numberLiteral
  | STRING                                                 # stringLiteral
  | TRUE                                                   # boolLiteral
  | FALSE                                                  # boolLiteral
  | NULL_                                                  # nullLiteral
  ;

number : INT | DECIMAL ;

// Soft keywords: reserved where the grammar needs them, names everywhere else.
ident
  : IDENT
  | SCHEMA | EXTEND | CURRENCY | TIMEZONE | CONTACT | PRODUCT | RECORD | EVENT
  | KEY | ENUM | SEGMENT | BUILTIN | JOURNEY | TRIGGER | WHEN | REENTRY | ONCE
  | ALWAYS | AFTER | EXIT | GOAL | ENTERED_SEGMENT | LEFT_SEGMENT | DAILY | AT
  | EVERY | AS | WAIT | UNTIL | IF | ELSE | SPLIT | SEND | TEMPLATE | LET | ISSUE
  | COUPON | TAG | UNTAG | SET | NOTIFY | SCORE | EMIT | ON | TIMEOUT | CAMPAIGN
  | AUDIENCE | ATTRIBUTION | DISCOUNT | CODES | GENERATED | FROM | LIMIT | VALID
  | FOR | EXHAUSTED | SKIP_ | FALLBACK | STOP | POPUP | SHOW | TO | SUBMIT
  | SCROLL | POLICY | QUIET | HOURS | CAP | PER | SMS
  ;

// ---------------------------------------------------------------------------
// Lexer

AND : 'and' ;
OR : 'or' ;
NOT : 'not' ;
IN : 'in' ;
WHERE : 'where' ;
WITHIN : 'within' ;
SINCE : 'since' ;
BETWEEN : 'between' ;
TRUE : 'true' ;
FALSE : 'false' ;
NULL_ : 'null' ;  // `NULL` would clash with the C macro in generated code

SCHEMA : 'schema' ;
EXTEND : 'extend' ;
CURRENCY : 'currency' ;
TIMEZONE : 'timezone' ;
CONTACT : 'contact' ;
PRODUCT : 'product' ;
RECORD : 'record' ;
EVENT : 'event' ;
KEY : 'key' ;
ENUM : 'enum' ;
SEGMENT : 'segment' ;
BUILTIN : 'builtin' ;
JOURNEY : 'journey' ;
TRIGGER : 'trigger' ;
WHEN : 'when' ;
REENTRY : 'reentry' ;
ONCE : 'once' ;
ALWAYS : 'always' ;
AFTER : 'after' ;
EXIT : 'exit' ;
GOAL : 'goal' ;
ENTERED_SEGMENT : 'entered_segment' ;
LEFT_SEGMENT : 'left_segment' ;
DAILY : 'daily' ;
AT : 'at' ;
EVERY : 'every' ;
AS : 'as' ;
WAIT : 'wait' ;
UNTIL : 'until' ;
IF : 'if' ;
ELSE : 'else' ;
SPLIT : 'split' ;
SEND : 'send' ;
TEMPLATE : 'template' ;
LET : 'let' ;
ISSUE : 'issue' ;
COUPON : 'coupon' ;
TAG : 'tag' ;
UNTAG : 'untag' ;
SET : 'set' ;
NOTIFY : 'notify' ;
SCORE : 'score' ;
EMIT : 'emit' ;
ON : 'on' ;
TIMEOUT : 'timeout' ;
CAMPAIGN : 'campaign' ;
AUDIENCE : 'audience' ;
ATTRIBUTION : 'attribution' ;
DISCOUNT : 'discount' ;
CODES : 'codes' ;
GENERATED : 'generated' ;
FROM : 'from' ;
LIMIT : 'limit' ;
VALID : 'valid' ;
FOR : 'for' ;
EXHAUSTED : 'exhausted' ;
SKIP_ : 'skip' ;
FALLBACK : 'fallback' ;
STOP : 'stop' ;
POPUP : 'popup' ;
SHOW : 'show' ;
TO : 'to' ;
SUBMIT : 'submit' ;
SCROLL : 'scroll' ;
POLICY : 'policy' ;
QUIET : 'quiet' ;
HOURS : 'hours' ;
CAP : 'cap' ;
PER : 'per' ;
SMS : 'sms' ;

COALESCE : '??' ;
SAFE_DOT : '?.' ;
QUESTION : '?' ;
EQ : '==' ;
NE : '!=' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
DOT : '.' ;

// Literals whose shape starts with digits; the longest match decides, so
// `2026-11-27` is a date and `4h` a duration, never arithmetic or a name.
TIMESTAMP : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT 'T'
            DIGIT DIGIT ':' DIGIT DIGIT (':' DIGIT DIGIT ('.' DIGIT+)?)?
            ('Z' | ('+' | '-') DIGIT DIGIT ':' DIGIT DIGIT) ;
DATE : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
TIME : DIGIT DIGIT? ':' DIGIT DIGIT (':' DIGIT DIGIT)? ;
DURATION : (DIGIT+ [smhdw])+ ;
DECIMAL : DIGIT+ '.' DIGIT+ ;
INT : DIGIT (DIGIT | '_')* ;

CURRENCY_CODE : [A-Z] [A-Z] [A-Z] ;
CURRENCY_SYMBOL : '₪' | '€' | '$' | '£' ;

IDENT : [A-Za-z_] [A-Za-z0-9_]* ;

// Escapes are checked when the literal is decoded (`\q` is InvalidEscape), so
// the lexer takes any escaped character and a bad one does not end the string.
STRING
  : '"""' .*? '"""'
  | '"' (ESCAPE | ~["\\\r\n])* '"'
  ;
// A string not closed on its line, or a `"""` string not closed before the end
// of the file. The triple form cannot contain `"""`, so it never outmatches a
// closed one.
UNTERMINATED_STRING
  : '"""' (~'"' | '"' ~'"' | '""' ~'"')* ('"' | '""')? EOF
  | '"' (ESCAPE | ~["\\\r\n])* '\\'?
  ;

DOC_COMMENT : '///' ~[\r\n]* -> channel(HIDDEN) ;
LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
// Cannot contain `*/`, so it only matches a comment that is never closed
// (a plain `.*? EOF` would outmatch every closed comment).
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF ;
WS : [ \t\r\n\u000C\u00A0\uFEFF]+ -> skip ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
COMMA : ',' ;
SEMI : ';' ;
COLON : ':' ;
ASSIGN : '=' ;

// Anything else becomes a token of its own so the parser reports it with a
// position instead of the lexer dropping it. Last, so every rule above wins.
UNKNOWN_CHAR : . ;

fragment DIGIT : [0-9] ;
fragment ESCAPE : '\\' ~[\r\n] ;
